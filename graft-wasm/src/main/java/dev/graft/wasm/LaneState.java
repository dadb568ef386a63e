package dev.graft.wasm;

/** The fields a {@link Lane}'s holder writes on every call, between {@link LanePadding} and Lane's own padding. */
abstract class LaneState extends LanePadding {

    /** Sequence and phase; see {@link Lane}. Written by CAS through Lane's VarHandles. */
    volatile long state;
    /** The holder, published with a release store after the CAS that took the lane. */
    Thread owner;
    /** The state word the holder holds, published (release) after {@link #owner}. */
    long ownerState;
    /** The holder's BUSY state word: written and read by the holder only. */
    long held;
    /** The instance; read and written only by the lane's holder (or while no one can hold it). */
    GuestInstance guest;
}
