package dev.graft.natives;

import dev.graft.core.InvalidArtifactException;
import dev.graft.core.spi.ArtifactBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Checks, before the system's loader maps it, that a file is a complete ELF shared library for
 * this machine. dlopen of a truncated file can map pages past its end, and touching them kills the
 * process with SIGBUS: a corrupt artifact must end in an exception instead (G5).
 */
final class ElfFile {

    private static final int HEADER = 64;
    private static final int ET_DYN = 3;
    private static final int PT_LOAD = 1;

    private ElfFile() {
    }

    /** Whether a file starts like an ELF file, for the loader's {@code accepts}. */
    static boolean looksLikeElf(Path file) {
        byte[] head = head(file, 4);
        return head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /**
     * Checks the header, every loadable segment and the section table lie inside the file, and that
     * class, byte order and machine are this process's.
     *
     * @param source the artifact as the host named it, for messages
     * @throws InvalidArtifactException saying what was expected and what was found
     */
    static void check(Path file, Path source) {
        if (!looksLikeElf(file)) {
            throw new InvalidArtifactException(null, source, "expected a shared library (an ELF file, starting with bytes "
                    + "7f 45 4c 46), found " + ArtifactBytes.describeStart(file));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER) {
                throw truncated(source, "its ELF header needs " + HEADER + " bytes", size);
            }
            ByteBuffer header = read(channel, 0, HEADER);
            if (header.get(4) != 2) {
                throw new InvalidArtifactException(null, source, "expected a 64-bit shared library, found a "
                        + (header.get(4) == 1 ? "32-bit" : "class " + header.get(4)) + " ELF file");
            }
            ByteOrder order = header.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            if (order != ByteOrder.nativeOrder()) {
                throw new InvalidArtifactException(null, source, "expected a " + ByteOrder.nativeOrder()
                        + " shared library, found a " + order + " one");
            }
            header.order(order);
            int type = Short.toUnsignedInt(header.getShort(16));
            if (type != ET_DYN) {
                throw new InvalidArtifactException(null, source, "expected a shared library (ELF type DYN), found "
                        + switch (type) {
                            case 1 -> "an object file (REL): link it with -shared";
                            case 2 -> "an executable (EXEC)";
                            case 4 -> "a core dump";
                            default -> "ELF type " + type;
                        });
            }
            int machine = Short.toUnsignedInt(header.getShort(18));
            int expected = hostMachine();
            if (expected != 0 && machine != expected) {
                throw new InvalidArtifactException(null, source, "expected a shared library for "
                        + System.getProperty("os.arch") + " (ELF machine " + expected + "), found one for ELF machine " + machine);
            }
            long phoff = header.getLong(32);
            long shoff = header.getLong(40);
            int phentsize = Short.toUnsignedInt(header.getShort(54));
            int phnum = Short.toUnsignedInt(header.getShort(56));
            int shentsize = Short.toUnsignedInt(header.getShort(58));
            int shnum = Short.toUnsignedInt(header.getShort(60));
            long phend = phoff + (long) phentsize * phnum;
            if (phoff < 0 || phend > size) {
                throw truncated(source, "its program headers end at byte " + phend, size);
            }
            ByteBuffer programs = read(channel, phoff, (int) (phend - phoff)).order(order);
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                if (programs.getInt(at) == PT_LOAD) {
                    long offset = programs.getLong(at + 8);
                    long filesz = programs.getLong(at + 32);
                    if (offset < 0 || filesz < 0 || offset + filesz > size) {
                        throw truncated(source, "its loadable segment " + i + " ends at byte " + (offset + filesz), size);
                    }
                }
            }
            long shend = shoff + (long) shentsize * shnum;
            if (shoff != 0 && (shoff < 0 || shend > size)) {
                throw truncated(source, "its section headers end at byte " + shend, size);
            }
        } catch (IOException e) {
            throw new InvalidArtifactException(null, source, "expected a readable shared library, found: " + e, e);
        }
    }

    private static InvalidArtifactException truncated(Path source, String needs, long size) {
        return new InvalidArtifactException(null, source, "expected a complete shared library, found a truncated one: "
                + needs + " but the file has " + size + " bytes");
    }

    private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    /** The ELF machine number of this JVM's architecture, or 0 when unknown (then not checked). */
    private static int hostMachine() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> 62;
            case "aarch64", "arm64" -> 183;
            case "riscv64" -> 243;
            case "ppc64le", "ppc64" -> 21;
            case "s390x" -> 22;
            default -> 0;
        };
    }


    private static byte[] head(Path file, int n) {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
