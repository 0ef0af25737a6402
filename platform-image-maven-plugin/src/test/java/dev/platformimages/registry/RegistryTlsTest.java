package dev.platformimages.registry;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registries over TLS with a certificate of a private CA (made here with the JDK's keytool), and registries on
 * loopback that speak TLS or plain HTTP: TLS first, plain HTTP only where allowed and only when the registry does
 * not speak TLS; a certificate Java does not trust is a clear error at the first attempt, never retried.
 */
class RegistryTlsTest {

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path caPem;
    private WireMockServer tls;
    private WireMockServer plain;

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @BeforeEach
    void servers() throws Exception {
        if (keystore == null) {
            keystore = dir.resolve("registry.p12");
            caPem = dir.resolve("registry-ca.pem");
            keytool("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                    "-keypass", "changeit", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=registry.test", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
            keytool("-exportcert", "-rfc", "-keystore", keystore.toString(), "-storepass", "changeit", "-alias", "registry",
                    "-file", caPem.toString());
        }
        tls = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(keystore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
        tls.start();
        plain = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        plain.start();
        for (WireMockServer server : List.of(tls, plain)) {
            server.stubFor(get(urlPathEqualTo("/v2/lib/app/tags/list")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"name\":\"lib/app\",\"tags\":[\"1\"]}")));
        }
    }

    @AfterEach
    void stop() {
        tls.stop();
        plain.stop();
    }

    private final List<Duration> waits = new ArrayList<>();

    private HttpRegistryClient client() {
        return new HttpRegistryClient(Duration.ofSeconds(5), host -> Optional.empty(), Duration.ofMillis(1), waits::add);
    }

    @Test
    void aLoopbackRegistryThatSpeaksTlsIsReachedOverTlsWithItsCaTrusted() {
        String host = "127.0.0.1:" + tls.httpsPort();
        HttpRegistryClient client = client().trusting(TrustedCertificates.withCaCertificates(List.of(caPem)));
        assertEquals(List.of("1"), client.tags(host, "lib/app"));
        assertEquals("https://" + host, client.base(host).toString());
    }

    @Test
    void anUntrustedCertificateIsNamedWithTheWayToTrustItAndNotRetried() {
        String host = "127.0.0.1:" + tls.httpsPort();
        RegistryException e = assertThrows(RegistryException.class, () -> client().tags(host, "lib/app"));
        assertTrue(e.getMessage().startsWith("registry " + host + " (https://" + host + ") presented a certificate that "
                + "Java does not trust ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("give the PEM file of the CA that signed it in platform.caCertificates, or add "
                + "that CA to the JVM's trust store (keytool -importcert -cacerts)"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains("insecure") || e.getMessage().contains("verification off"));
        assertEquals(List.of(), waits, "a TLS failure is not retried");
    }

    @Test
    void aCertificateForAnotherNameIsNamedAsSuch() throws Exception {
        Path otherStore = dir.resolve("other.p12");
        Path otherPem = dir.resolve("other.pem");
        if (!Files.exists(otherStore)) {
            keytool("-genkeypair", "-keystore", otherStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                    "-keypass", "changeit", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=other.test", "-ext", "SAN=dns:other.test", "-validity", "2");
            keytool("-exportcert", "-rfc", "-keystore", otherStore.toString(), "-storepass", "changeit", "-alias", "other",
                    "-file", otherPem.toString());
        }
        WireMockServer other = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(otherStore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
        other.start();
        try {
            String host = "127.0.0.1:" + other.httpsPort();
            HttpRegistryClient client = client().trusting(TrustedCertificates.withCaCertificates(List.of(otherPem)));
            RegistryException e = assertThrows(RegistryException.class, () -> client.tags(host, "lib/app"));
            assertTrue(e.getMessage().startsWith("registry " + host + " (https://" + host + ") presented a certificate for "
                    + "another name ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("have the certificate reissued with 127.0.0.1 in its subject alternative names"),
                    e.getMessage());
        } finally {
            other.stop();
        }
    }

    @Test
    void aLoopbackRegistryWithoutTlsIsReachedOverPlainHttpAfterTheTlsAttempt() {
        String host = "127.0.0.1:" + plain.port();
        HttpRegistryClient client = client();
        assertEquals(List.of("1"), client.tags(host, "lib/app"));
        assertEquals("http://" + host, client.base(host).toString());
        assertEquals(1, client.requestCounts().size());
        assertTrue(client.requestCounts().get(0).startsWith(host + ": 1 (GET 1;"), "the TLS attempt is not a request: "
                + client.requestCounts());
    }

    @Test
    void aRegistryOffLoopbackNeverFallsBackToPlainHttp() {
        assertEquals("https://registry.example.com", client().base("registry.example.com").toString());
    }

    @Test
    void caCertificateFilesThatAreNotThereOrNotPemAreNamed() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TrustedCertificates.withCaCertificates(List.of(dir.resolve("nope.pem"))));
        assertTrue(missing.getMessage().startsWith("platform.caCertificates names " + dir.resolve("nope.pem")
                + ", which does not exist"), missing.getMessage());
        Path text = Files.writeString(dir.resolve("text.pem"), "not a certificate");
        IllegalArgumentException notPem = assertThrows(IllegalArgumentException.class,
                () -> TrustedCertificates.withCaCertificates(List.of(text)));
        assertTrue(notPem.getMessage().startsWith("platform.caCertificates names " + text + ", which holds no"), notPem.getMessage());
    }

}
