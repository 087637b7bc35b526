package org.ctl.infra.axon;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;

/**
 * An aggregate cache for an event store that other nodes write to as well: a cached aggregate is handed out only
 * while it is as new as its stream in the store.
 *
 * <p>Axon's caching repository asks the cache for an aggregate under the node's lock of that aggregate, inside the
 * command's transaction. This cache then compares the cached aggregate's version (the sequence number of the last
 * event it applied) with the stream's last sequence number in the store ({@link EventStore#lastSequenceNumberFor},
 * one indexed query). If another node has appended since, the entry is dropped and the repository loads the
 * aggregate afresh: from its latest snapshot (whichever node took it: a snapshot is made from stored events only)
 * and the events after it. An append by another node between this check and the command's own append collides on
 * the unique (aggregate, sequence) key and is retried by the command gateway on the fresh aggregate, so neither a
 * stale acceptance nor a stale refusal nor a stale repeat answer can come from the cache.
 *
 * <p>The version is read from the live aggregate an in-memory cache (such as {@code WeakReferenceCache}) keeps in
 * its entry; an entry that does not hold one (a serializing cache) is treated as stale. Everything else is the
 * delegate's.
 */
public final class StoreCheckedCache implements Cache {

    private final Cache delegate;
    private final Supplier<EventStore> eventStore;

    /** @param eventStore the store, looked up on first use (it is built after the caches) */
    public StoreCheckedCache(Cache delegate, Supplier<EventStore> eventStore) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
    }

    @Override
    public <K, V> V get(K key) {
        V value = delegate.get(key);
        if (value instanceof AggregateCacheEntry<?> entry && !current(key, entry)) {
            delegate.remove(key);
            return null;
        }
        return value;
    }

    private boolean current(Object key, AggregateCacheEntry<?> entry) {
        Long cached = cachedVersion(entry);
        if (cached == null) {
            return false;
        }
        Optional<Long> stored = eventStore.get().lastSequenceNumberFor(String.valueOf(key));
        return stored.isPresent() && stored.get().equals(cached);
    }

    /** The version of the live aggregate in the entry; null when the entry keeps none. */
    private static Long cachedVersion(AggregateCacheEntry<?> entry) {
        try {
            // An entry made in this JVM returns the aggregate it was made from; none of the arguments is used then.
            EventSourcedAggregate<?> live = entry.recreateAggregate(null, null, null,
                    NoSnapshotTriggerDefinition.INSTANCE);
            return live == null ? null : live.version();
        } catch (RuntimeException noLiveAggregate) {
            return null;
        }
    }

    @Override
    public void put(Object key, Object value) {
        delegate.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return delegate.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        delegate.computeIfPresent(key, update);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }
}
