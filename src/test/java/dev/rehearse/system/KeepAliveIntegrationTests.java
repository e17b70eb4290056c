package dev.rehearse.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A browser sends its next request on the same keep-alive connection as soon as it has read a
 * response, sometimes before the server has finished with the exchange that sent it. Reactor Netty
 * up to 1.3.7 could then leave that next request unanswered until the client gave up (the pom pins
 * 1.3.8): a web chat page that never finished loading, a Swagger UI that hung. Raw HTTP/1.1 over
 * one socket, because that is where it happened.
 */
@DatabaseTest
class KeepAliveIntegrationTests {

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

	@LocalServerPort
	int port;

	@Test
	void everyRequestOnAKeepAliveConnectionIsAnsweredWhateverTheOneBeforeIt() throws IOException {
		// the Swagger UI page, its redirect, then anything: the third request is the one that went unanswered
		String[] paths = { "/webjars/swagger-ui/index.html", "/swagger-ui.html", "/favicon.svg", "/api/auth/csrf",
				"/js/app.js", "/" };
		for (int round = 0; round < 20; round++) {
			try (Socket socket = new Socket("localhost", this.port)) {
				socket.setSoTimeout(5_000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				for (String path : paths) {
					out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					try {
						assertThat(readResponse(in)).as(path).matches("HTTP/1\\.1 (200|302) .*");
					}
					catch (SocketTimeoutException ex) {
						fail("round %d: no answer to GET %s within 5 s on a keep-alive connection", round, path);
					}
				}
			}
		}
	}

	/** Reads one response (status line, headers and a Content-Length body) and returns its status line. */
	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed mid-response");
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
		}
		String headers = head.toString(StandardCharsets.ISO_8859_1);
		Matcher length = CONTENT_LENGTH.matcher(headers);
		assertThat(length.find()).as("Content-Length in %s", headers).isTrue();
		in.readNBytes(Integer.parseInt(length.group(1)));
		return headers.substring(0, headers.indexOf("\r\n"));
	}

}
