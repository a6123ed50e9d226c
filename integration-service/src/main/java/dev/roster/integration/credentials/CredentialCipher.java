package dev.roster.integration.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roster.integration.config.CredentialsConfig;

/**
 * AES-256-GCM encryption of credentials at rest. Each ciphertext is bound to the integration it belongs to
 * (associated data), so a ciphertext copied onto another row does not decrypt.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    CredentialsConfig config;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();

    @PostConstruct
    void loadKeys() {
        config.keys().forEach((id, encoded) -> {
            byte[] key = Base64.getDecoder().decode(encoded.strip());
            if (key.length != 32) {
                throw new IllegalStateException("roster.credentials.keys." + id + " must be 32 bytes, base64-encoded");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!keys.containsKey(config.activeKey())) {
            throw new IllegalStateException("roster.credentials.active-key names key '" + config.activeKey()
                    + "', which roster.credentials.keys does not define");
        }
    }

    public Sealed encrypt(String plaintext, String boundTo) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(config.activeKey()), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(config.activeKey(),
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credentials could not be encrypted", e);
        }
    }

    public String decrypt(Sealed sealed, String boundTo) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("credentials were encrypted with key '" + sealed.keyId()
                    + "', which is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, IV_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed.bytes(), IV_BYTES, sealed.bytes().length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credentials could not be decrypted", e);
        }
    }

    /** A ciphertext and the id of the key that made it. */
    public record Sealed(String keyId, byte[] bytes) {
    }
}
