package dev.platformimages.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates registries are verified against: the JVM's trust store, plus the CA certificates a team names
 * in PEM files (platform.caCertificates) for a registry whose certificate a private CA signed. Verification is never
 * switched off.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /**
     * An SSL context trusting the JVM's CAs and every certificate in {@code pemFiles}.
     *
     * @throws IllegalArgumentException naming the file that is missing or holds no PEM certificate
     */
    public static SSLContext withCaCertificates(List<Path> pemFiles) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            int n = 0;
            for (var manager : jvm.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jvm-" + n++, ca);
                    }
                }
            }
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path file : pemFiles) {
                Collection<? extends Certificate> certificates = read(x509, file);
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("platform-" + n++, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("platform.caCertificates: cannot build a trust store: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> read(CertificateFactory x509, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("platform.caCertificates names " + file + ", which does not exist: give "
                    + "the path of a PEM file with the CA certificate(s) that signed the registry's certificate");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = x509.generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("platform.caCertificates names " + file + ", which holds no certificate");
            }
            return certificates;
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("platform.caCertificates names " + file + ", which holds no PEM "
                    + "certificate (-----BEGIN CERTIFICATE-----): " + e.getMessage(), e);
        }
    }
}
