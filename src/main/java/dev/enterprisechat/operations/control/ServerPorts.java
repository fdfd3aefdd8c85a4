package dev.enterprisechat.operations.control;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP and HTTPS ports the server listens on ({@code --port}, {@code --sslport}), from Payara Micro's public API:
 * its {@code PayaraInstance} bean and the local {@code InstanceDescriptor}. Reached by reflection, so that the WAR
 * neither compiles against the 100 MB runtime nor fails on another server (Payara Server, another Jakarta EE
 * server): there the ports are simply unknown.
 */
public record ServerPorts(List<Integer> http, List<Integer> https) {

    private static final Logger LOG = System.getLogger(ServerPorts.class.getName());

    public ServerPorts {
        http = List.copyOf(http);
        https = List.copyOf(https);
    }

    /** @return the ports of the running Payara Micro, or empty on another server */
    public static Optional<ServerPorts> ofPayaraMicro() {
        try {
            Class<?> payaraInstance = Class.forName("fish.payara.micro.PayaraInstance");
            Instance<?> bean = CDI.current().select(payaraInstance);
            if (!bean.isResolvable()) {
                return Optional.empty();
            }
            Object descriptor = payaraInstance.getMethod("getLocalDescriptor").invoke(bean.get());
            if (descriptor == null) {
                return Optional.empty();
            }
            Class<?> type = Class.forName("fish.payara.micro.data.InstanceDescriptor");
            return Optional.of(new ServerPorts(ports(type, descriptor, "getHttpPorts"),
                    ports(type, descriptor, "getHttpsPorts")));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notPayaraMicro) {
            LOG.log(Level.DEBUG, "Ports unknown (not Payara Micro?): {0}", notPayaraMicro.toString());
            return Optional.empty();
        }
    }

    private static List<Integer> ports(Class<?> type, Object descriptor, String getter)
            throws ReflectiveOperationException {
        Object ports = type.getMethod(getter).invoke(descriptor);
        return ports instanceof List<?> list
                ? list.stream().filter(Integer.class::isInstance).map(Integer.class::cast).toList()
                : List.of();
    }
}
