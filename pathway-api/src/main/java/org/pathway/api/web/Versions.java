package org.pathway.api.web;

import org.pathway.api.error.ApiProblem;

/** Journey versions as HTTP entity tags: version 7 is {@code "7"}. */
public final class Versions {
  private Versions() {}

  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** The version of an entity tag written by {@link #etag}. */
  public static long version(String etag) {
    return Long.parseLong(etag.substring(1, etag.length() - 1));
  }

  /**
   * The version an {@code If-Match} header asks for; {@code null} when absent or {@code *} (no
   * check).
   *
   * @throws ApiProblem 400 when the header is not a journey version
   */
  public static Long expected(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      long version = Long.parseLong(tag);
      if (version < 0) {
        throw new NumberFormatException();
      }
      return version;
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest(
          "If-Match", "If-Match must be a journey version ETag such as \"3\"");
    }
  }
}
