package org.pathway.api.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keyed, stable pseudonyms for analysts: {@code HMAC-SHA256(key, id)}, shortened. The same internal
 * id always gives the same pseudonym (so records can be linked across queries), and without the key
 * it cannot be reversed or recomputed. The key comes from {@code PATHWAY_PSEUDONYM_KEY}; with the
 * embedded database, one is generated once and kept beside the data folder. With an external
 * database and no key, Pathway does not start.
 */
@Component
public class Pseudonyms {
  private static final Logger log = LoggerFactory.getLogger(Pseudonyms.class);
  private final byte[] key;

  Pseudonyms(
      @Value("${pathway.pseudonym.key:}") String configured,
      @Value("${pathway.embedded.data-dir}") Path dataDir,
      Environment environment) {
    if (!configured.isBlank()) {
      this.key = configured.getBytes(StandardCharsets.UTF_8);
    } else if (environment.getProperty("spring.datasource.url", "").isBlank()) {
      this.key = embeddedKey(dataDir.toAbsolutePath().normalize().resolveSibling("pseudonym.key"));
    } else {
      throw new IllegalStateException(
          "PATHWAY_PSEUDONYM_KEY (pathway.pseudonym.key) must be set when an external database is used");
    }
  }

  private static byte[] embeddedKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Files.createDirectories(file.getParent());
      Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      log.info("Generated a pseudonymisation key in {}", file);
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One keyed MAC per thread: looking the algorithm up and keying it for every id was a fifth of a
   * drill-down's time (JFR, docs/performance.md). {@code doFinal} leaves it ready for the next id.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

  private Mac keyedMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String of(UUID id) {
    byte[] digest = macs.get().doFinal(id.toString().getBytes(StandardCharsets.UTF_8));
    return "p_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
  }

  /**
   * {@code plain} encrypted and authenticated (AES-GCM under a key derived from the pseudonym key),
   * URL-safe: for values that carry internal ids to an analyst and back, such as a drill-down's
   * cursor. Only this service, with this key, can read it or make one it accepts. The same value
   * always seals alike (its nonce is a MAC of it, a synthetic one: a nonce is only ever used again
   * for the same value), so a cursor is the same whichever answer gave it.
   */
  public String seal(byte[] plain) {
    try {
      Mac mac = macs.get();
      mac.update("pathway sealed value nonce v1:".getBytes(StandardCharsets.US_ASCII));
      byte[] iv = java.util.Arrays.copyOf(mac.doFinal(plain), 12);
      javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          sealingKey(),
          new javax.crypto.spec.GCMParameterSpec(128, iv));
      byte[] sealed = aes.doFinal(plain);
      byte[] all = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, all, 0, iv.length);
      System.arraycopy(sealed, 0, all, iv.length, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What {@link #seal} sealed.
   *
   * @throws IllegalArgumentException when {@code sealed} is not something this service sealed
   */
  public byte[] open(String sealed) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a value this service sealed", e);
    }
    if (all.length < 12 + 16) {
      throw new IllegalArgumentException("not a value this service sealed");
    }
    try {
      javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(
          javax.crypto.Cipher.DECRYPT_MODE,
          sealingKey(),
          new javax.crypto.spec.GCMParameterSpec(128, all, 0, 12));
      return aes.doFinal(all, 12, all.length - 12);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException("not a value this service sealed", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sealing key: a MAC of a fixed label under the pseudonym key, never the key itself. */
  private SecretKeySpec sealingKey() {
    byte[] derived =
        keyedMac().doFinal("pathway sealed values v1".getBytes(StandardCharsets.US_ASCII));
    return new SecretKeySpec(derived, "AES");
  }

  /** The row with every id column ({@code …Id} holding a UUID) replaced by its pseudonym. */
  public void pseudonymise(Map<String, Object> row) {
    row.replaceAll((k, v) -> v instanceof UUID u && k.endsWith("Id") ? of(u) : v);
  }
}
