package dev.graft.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.graft.core.Inspection;
import dev.graft.core.PluginManifest;
import dev.graft.core.spi.ArtifactDescription;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How {@code graft inspect} shows an {@link Inspection}: aligned text for people, or JSON (written
 * with jackson-core's streaming generator) for programs. Parts not read (the file was refused
 * before them) are left out of the text and null in the JSON.
 */
final class InspectionReport {

    private static final String INDENT = "             ";

    private InspectionReport() {
    }

    static String text(Inspection inspection, boolean signatureChecked) {
        StringBuilder out = new StringBuilder();
        line(out, "artifact", inspection.artifact().getFileName().toString());
        line(out, "kind", inspection.kind() == null ? "unknown (no loader reads it)" : inspection.kind());
        PluginManifest manifest = inspection.manifest();
        ArtifactDescription description = inspection.description();
        if (manifest != null) {
            line(out, "plugin", manifest.id() + " " + manifest.version());
            if (manifest.provides().isEmpty()) {
                line(out, "provides", "none");
            }
            for (var provided : manifest.provides()) {
                if (provided == manifest.provides().getFirst()) {
                    line(out, "provides", provided.toString());
                } else {
                    out.append(INDENT).append(provided).append('\n');
                }
                List<String> functions = description == null ? null : description.functions().get(provided.toString());
                for (String function : functions == null ? List.<String>of() : functions) {
                    out.append(INDENT).append("  ").append(function).append('\n');
                }
            }
            line(out, "requires", list(manifest.requires()));
            line(out, "depends", list(manifest.depends()));
            line(out, "imports", list(manifest.imports()));
            if (!manifest.patches().isEmpty()) { // only then: most plugins patch nothing
                line(out, "patches", list(manifest.patches()));
            }
        }
        if (description != null) {
            line(out, "limits", description.limits().isEmpty() ? "none" : description.limits().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            line(out, "state", description.state() == null ? "none" : description.state().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        SignatureStatus signature = SignatureStatus.of(inspection.artifact());
        line(out, "signature", signature + (signature.keyId() != null && !signatureChecked
                ? " (not checked: --trust KEY checks it as a host that trusts KEY would)" : ""));
        line(out, "loadable", inspection.loadable() ? "yes, up to running its code (every check before that passed)"
                : "no: " + inspection.refusal().getClass().getSimpleName() + ": " + inspection.refusal().getMessage());
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(':').append(" ".repeat(INDENT.length() - name.length() - 1)).append(value).append('\n');
    }

    private static String list(List<?> items) {
        return items.isEmpty() ? "none" : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    static String json(Inspection inspection, boolean signatureChecked) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text).useDefaultPrettyPrinter()) {
            PluginManifest manifest = inspection.manifest();
            ArtifactDescription description = inspection.description();
            json.writeStartObject();
            json.writeStringField("artifact", inspection.artifact().getFileName().toString());
            json.writeStringField("kind", inspection.kind());
            json.writeStringField("id", manifest == null ? null : manifest.id());
            json.writeStringField("version", manifest == null ? null : manifest.version().toString());
            json.writeFieldName("provides");
            if (manifest == null) {
                json.writeNull();
            } else {
                json.writeStartArray();
                for (var provided : manifest.provides()) {
                    json.writeStartObject();
                    json.writeStringField("contract", provided.toString());
                    List<String> functions = description == null ? null : description.functions().get(provided.toString());
                    strings(json, "functions", functions);
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            strings(json, "requires", manifest == null ? null : manifest.requires());
            strings(json, "depends", manifest == null ? null : manifest.depends());
            strings(json, "imports", manifest == null ? null : manifest.imports());
            strings(json, "patches", manifest == null ? null : manifest.patches());
            json.writeFieldName("limits");
            if (description == null) {
                json.writeNull();
            } else {
                json.writeStartObject();
                for (Map.Entry<String, String> limit : description.limits().entrySet()) {
                    json.writeStringField(limit.getKey(), limit.getValue());
                }
                json.writeEndObject();
            }
            json.writeStringField("state", description == null ? null : description.state());
            SignatureStatus signature = SignatureStatus.of(inspection.artifact());
            json.writeObjectFieldStart("signature");
            json.writeStringField("file", signature.file().getFileName().toString());
            json.writeBooleanField("present", signature.present());
            json.writeStringField("key", signature.keyId());
            json.writeStringField("problem", signature.problem());
            json.writeBooleanField("checked", signatureChecked);
            json.writeEndObject();
            json.writeBooleanField("loadable", inspection.loadable());
            json.writeFieldName("refusal");
            if (inspection.loadable()) {
                json.writeNull();
            } else {
                json.writeStartObject();
                json.writeStringField("exception", inspection.refusal().getClass().getName());
                json.writeStringField("message", inspection.refusal().getMessage());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text + "\n";
    }

    private static void strings(JsonGenerator json, String name, List<?> items) throws IOException {
        json.writeFieldName(name);
        if (items == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (Object item : items) {
            json.writeString(String.valueOf(item));
        }
        json.writeEndArray();
    }
}
