package org.pathway.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP/1.1 written byte by byte, for requests no well-behaved client would send: a malformed
 * request target, invalid UTF-8, a lying Content-Type. Reads the whole answer (the request asks the
 * server to close the connection).
 */
final class RawHttp {
  private RawHttp() {}

  /** The answer: status code, head and body as text. */
  record Answer(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  static Answer send(int port, String method, String target, String contentType, byte[] body)
      throws IOException {
    return sendAs(
        port,
        Base64.getEncoder().encodeToString("clinician:clinician-demo".getBytes()),
        method,
        target,
        contentType,
        body);
  }

  /** As {@link #send}, signed in with the given Basic credentials (base64 of user:password). */
  static Answer sendAs(
      int port, String auth, String method, String target, String contentType, byte[] body)
      throws IOException {
    StringBuilder head =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Basic ")
            .append(auth)
            .append("\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      byte[] bytes = all.toByteArray();
      int split = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
      String h =
          new String(bytes, 0, split < 0 ? bytes.length : split, StandardCharsets.ISO_8859_1);
      byte[] b =
          split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, split + 4, bytes.length);
      if (h.toLowerCase().contains("transfer-encoding: chunked")) {
        b = unchunk(b);
      }
      int status = Integer.parseInt(h.substring(9, 12));
      return new Answer(status, h, new String(b, StandardCharsets.UTF_8));
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    int i = 0;
    while (i < chunked.length) {
      int eol = indexOf(chunked, crlf, i);
      if (eol < 0) {
        break;
      }
      String sizeText = new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1).trim();
      int semicolon = sizeText.indexOf(';');
      int size = Integer.parseInt(semicolon < 0 ? sizeText : sizeText.substring(0, semicolon), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, eol + 2, Math.min(size, chunked.length - eol - 2));
      i = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }
}
