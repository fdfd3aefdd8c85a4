package dev.enterprisechat.testsupport;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of the Arquillian tests: the packaged WAR deployed into a real Payara Micro (one per test class), and
 * {@link #users} to sign fresh users in, closed after each test.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedChat {

    @ArquillianResource
    protected URL base;

    protected Users users;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return ChatDeployment.war();
    }

    @BeforeEach
    void openUsers() {
        users = new Users(ChatDeployment.endpoint(base));
    }

    @AfterEach
    void closeUsers() {
        users.close();
    }

    /** An error payload with exactly this code and message. */
    protected static void assertError(JsonObject error, String code, String message) {
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("message")).isEqualTo(message);
    }
}
