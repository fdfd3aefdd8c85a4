package dev.enterprisechat.gateway;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The upgrade's request names its local host by address: the container's own answer would be a reverse lookup. */
class NoReverseLookupTest {

    @Test
    void theLocalNameIsTheLocalAddressAndTheContainerIsNeverAskedForIt() {
        List<String> asked = new ArrayList<>();
        HttpServletRequest container = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> {
                    asked.add(method.getName());
                    return switch (method.getName()) {
                        case "getLocalAddr" -> "10.1.2.3";
                        case "getLocalPort" -> 8080;
                        case "getRemoteAddr" -> "10.9.8.7";
                        default -> null;
                    };
                });

        UpgradeLeftovers.NoReverseLookup request = new UpgradeLeftovers.NoReverseLookup(container);

        assertThat(request.getLocalName()).isEqualTo("10.1.2.3");
        assertThat(request.getLocalPort()).isEqualTo(8080);
        assertThat(request.getRemoteAddr()).isEqualTo("10.9.8.7");
        assertThat(asked).containsExactly("getLocalAddr", "getLocalPort", "getRemoteAddr");
    }
}
