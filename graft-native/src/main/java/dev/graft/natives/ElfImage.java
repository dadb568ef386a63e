package dev.graft.natives;

import dev.graft.core.InvalidArtifactException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A shared library laid out as the system's loader would map it, built without the system's loader:
 * its loadable segments copied to their addresses in memory Graft owns, and its dynamic relocations
 * that make data point at data applied against that copy. Reading the descriptor out of it runs
 * none of the library's code, where {@code dlopen} runs its ELF constructors: this is how
 * {@code graft inspect} reads a native plugin (docs/operations.md).
 *
 * <p>Only data is relocated (relative relocations, and absolute ones against a symbol the library
 * defines); a pointer to another library's symbol stays NULL, and nothing is resolved by running
 * code (an IFUNC's resolver is not run). Every address the descriptor reader follows is checked to
 * lie inside the image ({@link #available}), so a pointer this layout cannot account for is an
 * error, never a read of memory Graft does not own. Call {@link ElfFile#check} first: the layout
 * it checks is what this reads.
 */
final class ElfImage {

    private static final int PT_LOAD = 1;
    private static final int SHT_RELA = 4;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_RELR = 19;
    private static final long SHF_ALLOC = 2;
    /** More than any plugin's descriptor needs to be laid out; refuses a header that asks for absurd memory. */
    private static final long MAX_IMAGE = 1L << 30;

    private final MemorySegment image;
    private final ByteBuffer file;
    private final long dynsym;
    private final long dynsymSize;
    private final long dynstr;

    private ElfImage(MemorySegment image, ByteBuffer file, long dynsym, long dynsymSize, long dynstr) {
        this.image = image;
        this.file = file;
        this.dynsym = dynsym;
        this.dynsymSize = dynsymSize;
        this.dynstr = dynstr;
    }

    /**
     * Lays out the library file in {@code arena}.
     *
     * @param source the artifact as the host named it, for messages
     * @throws InvalidArtifactException if the file cannot be read or its layout is not one this reads
     */
    static ElfImage of(Path file, Path source, Arena arena) {
        ByteBuffer elf;
        try {
            elf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder()); // ElfFile.check: native order
        } catch (IOException e) {
            throw new InvalidArtifactException(null, source, "expected a readable shared library, found: " + e, e);
        }
        try {
            long phoff = elf.getLong(32);
            int phentsize = Short.toUnsignedInt(elf.getShort(54));
            int phnum = Short.toUnsignedInt(elf.getShort(56));
            long size = 0;
            for (int i = 0; i < phnum; i++) {
                int at = Math.toIntExact(phoff + (long) i * phentsize);
                if (elf.getInt(at) == PT_LOAD) {
                    size = Math.max(size, elf.getLong(at + 16) + elf.getLong(at + 40)); // p_vaddr + p_memsz
                }
            }
            if (size <= 0 || size > MAX_IMAGE) {
                throw new InvalidArtifactException(null, source, "expected loadable segments of at most " + MAX_IMAGE
                        + " bytes, found " + size);
            }
            MemorySegment image = arena.allocate(size, 4096);
            for (int i = 0; i < phnum; i++) {
                int at = Math.toIntExact(phoff + (long) i * phentsize);
                if (elf.getInt(at) == PT_LOAD) {
                    long offset = elf.getLong(at + 8);
                    long vaddr = elf.getLong(at + 16);
                    long filesz = elf.getLong(at + 32);
                    MemorySegment.copy(MemorySegment.ofBuffer(elf), offset, image, vaddr, filesz);
                }
            }
            ElfImage laidOut = sections(image, elf);
            laidOut.relocate();
            return laidOut;
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new InvalidArtifactException(null, source, "expected an ELF layout whose tables lie inside the file and "
                    + "its segments, found one that does not: " + e.getMessage(), e);
        }
    }

    private static ElfImage sections(MemorySegment image, ByteBuffer elf) {
        long shoff = elf.getLong(40);
        int shentsize = Short.toUnsignedInt(elf.getShort(58));
        int shnum = Short.toUnsignedInt(elf.getShort(60));
        for (int i = 0; i < shnum; i++) {
            int at = Math.toIntExact(shoff + (long) i * shentsize);
            if (elf.getInt(at + 4) == SHT_DYNSYM) {
                int link = elf.getInt(at + 40);
                long strtab = elf.getLong(Math.toIntExact(shoff + (long) link * shentsize + 24));
                return new ElfImage(image, elf, elf.getLong(at + 24), elf.getLong(at + 32), strtab);
            }
        }
        return new ElfImage(image, elf, 0, 0, 0);
    }

    /** Applies the dynamic relocations that make data point at the library's own data and code. */
    private void relocate() {
        long shoff = file.getLong(40);
        int shentsize = Short.toUnsignedInt(file.getShort(58));
        int shnum = Short.toUnsignedInt(file.getShort(60));
        for (int i = 0; i < shnum; i++) {
            int at = Math.toIntExact(shoff + (long) i * shentsize);
            int type = file.getInt(at + 4);
            boolean loaded = (file.getLong(at + 8) & SHF_ALLOC) != 0; // the dynamic ones; not those kept for tools (--emit-relocs)
            long offset = file.getLong(at + 24);
            long size = file.getLong(at + 32);
            if (!loaded) {
                continue;
            }
            if (type == SHT_RELA) {
                for (long r = offset; r + 24 <= offset + size; r += 24) {
                    rela(file.getLong(Math.toIntExact(r)), file.getLong(Math.toIntExact(r + 8)), file.getLong(Math.toIntExact(r + 16)));
                }
            } else if (type == SHT_RELR) {
                relr(offset, size);
            }
        }
    }

    private void rela(long where, long info, long addend) {
        int type = (int) info;
        int symbol = (int) (info >>> 32);
        Relocation kind = Relocation.of(type);
        if (kind == Relocation.RELATIVE) {
            put(where, address() + addend);
        } else if (kind == Relocation.ABSOLUTE) {
            long value = symbolValue(symbol);
            put(where, value == 0 ? 0 : address() + value + addend);
        } // others (TLS, copies, IFUNCs) are not data a descriptor points at: left as the file has them
    }

    /** The packed relative relocations of {@code .relr.dyn}: an address, then bitmaps of the words after it. */
    private void relr(long offset, long size) {
        long where = 0;
        for (long r = offset; r + 8 <= offset + size; r += 8) {
            long entry = file.getLong(Math.toIntExact(r));
            if ((entry & 1) == 0) {
                where = entry;
                addBase(where);
                where += 8;
            } else {
                for (int bit = 1; bit < 64; bit++) {
                    if ((entry >>> bit & 1) != 0) {
                        addBase(where + (bit - 1) * 8L);
                    }
                }
                where += 63 * 8L;
            }
        }
    }

    private void addBase(long where) {
        if (inside(where, 8)) {
            put(where, image.get(ValueLayout.JAVA_LONG_UNALIGNED, where) + address());
        }
    }

    private void put(long where, long value) {
        if (inside(where, 8)) {
            image.set(ValueLayout.JAVA_LONG_UNALIGNED, where, value);
        }
    }

    private boolean inside(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= image.byteSize() - length;
    }

    private long address() {
        return image.address();
    }

    /** A symbol's value if the library defines it, else 0. */
    private long symbolValue(int index) {
        long at = dynsym + index * 24L;
        if (index == 0 || index * 24L + 24 > dynsymSize) {
            return 0;
        }
        int definedIn = Short.toUnsignedInt(file.getShort(Math.toIntExact(at + 6)));
        return definedIn == 0 ? 0 : file.getLong(Math.toIntExact(at + 8));
    }

    /** The address of a symbol the library defines, in the image, if it has one of that name. */
    Optional<MemorySegment> find(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (long i = 1; i * 24 + 24 <= dynsymSize; i++) {
            int at = Math.toIntExact(dynsym + i * 24);
            long nameAt = dynstr + Integer.toUnsignedLong(file.getInt(at));
            if (named(nameAt, wanted) && file.getShort(at + 6) != 0) {
                long value = file.getLong(at + 8);
                return inside(value, 1) ? Optional.of(MemorySegment.ofAddress(address() + value)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private boolean named(long at, byte[] wanted) {
        if (at < 0 || at + wanted.length >= file.limit()) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (file.get(Math.toIntExact(at + i)) != wanted[i]) {
                return false;
            }
        }
        return file.get(Math.toIntExact(at + wanted.length)) == 0;
    }

    /** How many bytes of the image lie at and after {@code address}; 0 if it lies outside. */
    long available(long address) {
        long offset = address - address();
        return offset < 0 || offset >= image.byteSize() ? 0 : image.byteSize() - offset;
    }

    /** The relocation types of the machines Graft maps libraries on, by what they do. */
    private enum Relocation {
        RELATIVE, ABSOLUTE, OTHER;

        static Relocation of(int type) {
            return switch (System.getProperty("os.arch")) {
                case "amd64", "x86_64" -> type == 8 ? RELATIVE : type == 1 || type == 6 || type == 7 ? ABSOLUTE : OTHER;
                case "aarch64", "arm64" -> type == 1027 ? RELATIVE : type == 257 || type == 1025 || type == 1026 ? ABSOLUTE : OTHER;
                case "riscv64" -> type == 3 ? RELATIVE : type == 2 || type == 5 ? ABSOLUTE : OTHER;
                default -> OTHER;
            };
        }
    }
}
