package dev.enterprisechat.testsupport;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URI;
import java.net.URL;

/**
 * The WAR under test: the one {@code mvn package} built, deployed as it is (integration tests run after
 * packaging). Tests reach it on 127.0.0.1 whatever host the container reports.
 */
public final class ChatDeployment {

    private ChatDeployment() {
    }

    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("chat.war")));
    }

    /** {@code ws://127.0.0.1:<port>/<context>/api/websocket} for the deployment at {@code base}. */
    public static URI endpoint(URL base) {
        String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
        return URI.create("ws://127.0.0.1:" + base.getPort() + path + "api/websocket");
    }
}
