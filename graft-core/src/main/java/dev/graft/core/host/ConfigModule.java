package dev.graft.core.host;

import dev.graft.api.host.Config;
import java.util.Map;

/** The built-in {@code graft.config} for one plugin version: the key/values the host set for the plugin. */
final class ConfigModule implements Config {

    private final Map<String, String> values;

    ConfigModule(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(checked(key));
    }

    @Override
    public String get(String key) {
        return values.getOrDefault(checked(key), "");
    }

    private static String checked(String key) {
        if (key == null) {
            throw new IllegalArgumentException("expected a configuration key, found null");
        }
        return key;
    }
}
