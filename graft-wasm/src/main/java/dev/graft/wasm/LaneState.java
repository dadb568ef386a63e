package dev.graft.wasm;

/** The fields a {@link Lane}'s holder writes on every call, between {@link LanePadding} and Lane's own padding. */
abstract class LaneState extends LanePadding {

    /** Sequence, binding and phase; see {@link Lane}. Written through Lane's VarHandles (CAS, or release stores by a bound lane's thread). */
    volatile long state;
    /** The holder (or the thread the lane is bound to), published with a release store after taking the lane. */
    Thread owner;
    /** The state word the holder holds, published (release) after {@link #owner}. */
    long ownerState;
    /** The holder's BUSY state word: written and read by the holder only. */
    long held;
    /** The instance; read and written only by the lane's holder (or while no one can hold it). */
    GuestInstance guest;
}
