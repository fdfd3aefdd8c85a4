package dev.enterprisechat.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops and creates the integration-test database, so every run of {@code mvn verify} starts from nothing. Run by
 * the build before the integration tests: {@code FreshDatabase <jdbc-url> <user> [password]}.
 */
public final class FreshDatabase {

    private FreshDatabase() {
    }

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("unexpected test database name: " + database);
        }
        String maintenance = "jdbc:postgresql://" + uri.getAuthority() + "/postgres";
        try (Connection connection = DriverManager.getConnection(maintenance, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        System.out.println("Fresh test database " + database + " at " + uri.getAuthority());
    }
}
