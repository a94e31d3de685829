package org.pathway.api.error;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own error page (requests refused before they reach the application: a malformed request
 * line or URI, bad percent-encoding, headers too large) as a problem detail, like every other
 * error. Installed as the host's error report valve by {@code WebServerConfiguration}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    ProblemDetail p = ProblemErrorController.forStatus(status);
    String body =
        "{\"type\":\""
            + p.getType()
            + "\",\"title\":\""
            + p.getTitle()
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + p.getDetail()
            + "\",\"code\":\""
            + p.getProperties().get("code")
            + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone: nothing more to say
    }
  }
}
