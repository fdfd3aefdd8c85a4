import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Development tokens, for trying the server out: run with the JDK alone ({@code java dev/DevToken.java alice}).
 * <p>
 * On first use it creates an RSA key pair in {@code .dev/} (git-ignored); {@code dev/run} starts the server
 * trusting {@code .dev/jwt-public.pem} for issuer {@code chat-dev}. Nothing here is used by a production server:
 * it trusts only the keys its operator configures.
 * <pre>
 * java dev/DevToken.java --init              create the key pair if missing, print nothing
 * java dev/DevToken.java USER [NAME] [HOURS] print a token for USER (display name NAME, valid HOURS, default 12)
 * </pre>
 */
public class DevToken {

    static final Path DIR = Path.of(".dev");
    static final Path PRIVATE = DIR.resolve("jwt-private.pem");
    static final Path PUBLIC = DIR.resolve("jwt-public.pem");
    static final String ISSUER = "chat-dev";

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java dev/DevToken.java --init | USER [DISPLAY_NAME] [HOURS]");
            System.exit(2);
        }
        PrivateKey key = keys();
        if (args[0].equals("--init")) {
            return;
        }
        String user = args[0];
        if (!user.matches("[A-Za-z0-9._@-]{1,255}")) {
            System.err.println("user ids here are letters, digits and . _ @ - (real issuers may use any sub)");
            System.exit(2);
        }
        String name = args.length > 1 ? args[1] : user;
        long hours = args.length > 2 ? Long.parseLong(args[2]) : 12;
        System.out.println(token(key, user, name, Duration.ofHours(hours)));
    }

    static PrivateKey keys() throws Exception {
        if (!Files.exists(PRIVATE)) {
            Files.createDirectories(DIR);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        String pem = Files.readString(PRIVATE).replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    static String token(PrivateKey key, String user, String name, Duration ttl) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"name\":\"" + json(name)
                + "\",\"iat\":" + now + ",\"exp\":" + (now + ttl.toSeconds()) + "}";
        String signingInput = base64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64(rs256.sign());
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
