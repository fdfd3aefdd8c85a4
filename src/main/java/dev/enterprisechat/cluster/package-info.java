/**
 * The cluster mode ({@code chat.cluster=postgres}): several instances share one PostgreSQL and exchange every event
 * through it, and know which of them are alive.
 * <p>
 * Decisions:
 * <ul>
 * <li>Events ride on {@code LISTEN/NOTIFY}: published in the transaction of the change
 * ({@link dev.enterprisechat.cluster.control.EventPublisher}), so an event exists if and only if its change
 * committed, and delivered in commit order from one listening session per instance
 * ({@link dev.enterprisechat.cluster.control.EventStream}). The wire format is
 * {@link dev.enterprisechat.cluster.control.Notifications}; the cluster's
 * {@link dev.enterprisechat.rooms.Relay} ({@link dev.enterprisechat.cluster.control.ClusterRelay}) ties them to the
 * delivery seam, holds acks until this instance delivered, and closes its clients with 1012 after a gap in the
 * stream (they resync from the database).</li>
 * <li>A writer's batch whose conversations this instance has delivered up to the revisions the batch found under
 * their row locks is delivered by the writer at commit, and its acks sent at once; the stream skips it when it comes
 * back ({@link dev.enterprisechat.cluster.control.DeliveredRevisions}). Other batches wait for the stream.</li>
 * <li>Instances register in {@code chat_instances} and renew it every heartbeat; one whose heartbeat stops is reaped
 * by the others ({@link dev.enterprisechat.cluster.control.InstanceEvents}: presence lets its users go).</li>
 * <li>Nothing new to run: no broker, no Hazelcast (Payara's is switched off; it bound ports on every interface).</li>
 * </ul>
 */
package dev.enterprisechat.cluster;
