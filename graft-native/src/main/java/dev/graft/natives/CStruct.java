package dev.graft.natives;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/** A C struct's layout: fields in order, each aligned as a C compiler aligns it, the whole padded to its alignment. */
final class CStruct {

    private CStruct() {
    }

    static StructLayout of(List<MemoryLayout> fields) {
        List<MemoryLayout> padded = new ArrayList<>();
        long offset = 0;
        long alignment = 1;
        for (MemoryLayout field : fields) {
            long align = field.byteAlignment();
            long pad = (align - offset % align) % align;
            if (pad > 0) {
                padded.add(MemoryLayout.paddingLayout(pad));
            }
            padded.add(field);
            offset += pad + field.byteSize();
            alignment = Math.max(alignment, align);
        }
        long tail = (alignment - offset % alignment) % alignment;
        if (tail > 0) {
            padded.add(MemoryLayout.paddingLayout(tail));
        }
        return MemoryLayout.structLayout(padded.toArray(MemoryLayout[]::new));
    }

    static StructLayout of(MemoryLayout... fields) {
        return of(List.of(fields));
    }
}
