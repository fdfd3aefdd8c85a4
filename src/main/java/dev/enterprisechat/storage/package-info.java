/**
 * Where data lives: the datasource and the schema migrations.
 * <p>
 * Decisions:
 * <ul>
 * <li>One JTA datasource, {@code java:app/jdbc/chat}, pooled by the application server. Its class,
 * {@link dev.enterprisechat.storage.ConfiguredDataSource}, reads {@code DB_URL}, {@code DB_USER} and
 * {@code DB_PASSWORD} itself, so that a bare machine without them still starts, on an embedded H2 file.</li>
 * <li>Flyway owns the schema and runs at startup before the application serves anything; Hibernate never changes
 * it. The migrations are written for PostgreSQL and also run on H2 in PostgreSQL mode.</li>
 * <li>Times are stored in UTC to the microsecond ({@link dev.enterprisechat.storage.Timestamps}).</li>
 * </ul>
 */
package dev.enterprisechat.storage;
