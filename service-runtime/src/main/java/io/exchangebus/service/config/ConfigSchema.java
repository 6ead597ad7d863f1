package io.exchangebus.service.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a service accepts and the rules across them. Services compose the common section
 * ({@link CommonKeys#SCHEMA}) with their own: {@code CommonKeys.SCHEMA.with(OmsKeys.ALL)}. Immutable.
 */
public final class ConfigSchema {
    private final List<ConfigKey<?>> keys;
    private final List<ConfigRule> rules;

    private ConfigSchema(List<ConfigKey<?>> keys, List<ConfigRule> rules) {
        this.keys = List.copyOf(keys);
        this.rules = List.copyOf(rules);
        checkConsistent();
    }

    /** A schema of these keys, without rules. */
    public static ConfigSchema of(Collection<? extends ConfigKey<?>> keys) {
        return new ConfigSchema(new ArrayList<>(keys), List.of());
    }

    /** This schema with more keys. */
    public ConfigSchema with(Collection<? extends ConfigKey<?>> more) {
        List<ConfigKey<?>> all = new ArrayList<>(keys);
        all.addAll(more);
        return new ConfigSchema(all, rules);
    }

    /** This schema with more keys. */
    public ConfigSchema with(ConfigKey<?>... more) {
        return with(List.of(more));
    }

    /** This schema with one more rule across keys. */
    public ConfigSchema withRule(ConfigRule rule) {
        List<ConfigRule> all = new ArrayList<>(rules);
        all.add(rule);
        return new ConfigSchema(keys, all);
    }

    /** The keys, in declaration order. */
    public List<ConfigKey<?>> keys() {
        return keys;
    }

    List<ConfigRule> rules() {
        return rules;
    }

    /** Whether {@code key} is declared in this schema. */
    public boolean declares(ConfigKey<?> key) {
        return keys.contains(key);
    }

    /** The collections of named entries, e.g. {@code exchanges}, {@code accounts}. */
    public Set<String> collections() {
        Set<String> names = new TreeSet<>();
        keys.forEach(k -> k.collection().ifPresent(names::add));
        return names;
    }

    /** The key whose path is exactly {@code concrete} (entry names in place of {@code *}). */
    Optional<ConfigKey<?>> keyAt(List<String> concrete) {
        return keys.stream().filter(k -> k.matches(concrete)).findFirst();
    }

    /** The map-typed key that {@code concrete} lies under (or is), if any. */
    Optional<ConfigKey<?>> mapKeyOver(List<String> concrete) {
        return keys.stream()
                .filter(k -> k.type().shape() == ConfigType.Shape.MAP)
                .filter(k -> k.matchesPrefix(concrete, k.segments().size()))
                .findFirst();
    }

    /** Whether some key lies below {@code concrete}, so that it is a section, not a typo. */
    boolean isSection(List<String> concrete) {
        return keys.stream().anyMatch(k -> k.segments().size() > concrete.size()
                && k.matchesPrefix(concrete, concrete.size()));
    }

    /** Whether {@code concrete} is the position of an entry name of a collection, e.g. {@code accounts.main}. */
    boolean isEntryName(List<String> concrete) {
        int last = concrete.size() - 1;
        return keys.stream().anyMatch(k -> k.segments().size() > last + 1
                && k.segments().get(last).equals(ConfigKey.WILDCARD)
                && k.matchesPrefix(concrete, concrete.size()));
    }

    /** The names the schema accepts right under section {@code concrete}, for an unknown-key message. */
    Set<String> childrenOf(List<String> concrete) {
        Set<String> names = new TreeSet<>();
        for (ConfigKey<?> k : keys) {
            if (k.segments().size() > concrete.size() && k.matchesPrefix(concrete, concrete.size())) {
                names.add(k.segments().get(concrete.size()));
            }
        }
        return names;
    }

    private void checkConsistent() {
        Set<String> paths = new TreeSet<>();
        for (ConfigKey<?> k : keys) {
            if (!paths.add(k.path())) {
                throw new IllegalArgumentException("config key '" + k.path() + "' is declared twice");
            }
        }
        for (ConfigKey<?> map : keys) {
            if (map.type().shape() != ConfigType.Shape.MAP) {
                continue;
            }
            for (ConfigKey<?> k : keys) {
                if (k != map && k.segments().size() > map.segments().size()
                        && k.segments().subList(0, map.segments().size()).equals(map.segments())) {
                    throw new IllegalArgumentException("config key '" + k.path() + "' lies under the pass-through "
                            + "map '" + map.path() + "'");
                }
            }
        }
    }
}
