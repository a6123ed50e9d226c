package dev.roster.integration.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * The keys that encrypt credentials at rest. Each key has an id, stored with every ciphertext, so keys can
 * rotate: new secrets use the active key; older ones stay readable while their key is configured.
 */
@ConfigMapping(prefix = "roster.credentials")
public interface CredentialsConfig {

    /** The id of the key that encrypts new secrets. */
    String activeKey();

    /** Key id to a base64-encoded 256-bit AES key. */
    Map<String, String> keys();
}
