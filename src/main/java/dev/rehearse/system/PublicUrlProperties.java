package dev.rehearse.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where users reach the service.
 *
 * @param publicUrl the service's public base URL (for example {@code https://rehearse.example.org}),
 * named as the server in the OpenAPI description; when empty the description names the relative
 * server {@code /}. Never taken from the request's Host header, which a client chooses.
 */
@ConfigurationProperties("rehearse")
record PublicUrlProperties(String publicUrl) {

	String serverUrl() {
		if (this.publicUrl == null || this.publicUrl.isBlank()) {
			return "/";
		}
		String url = this.publicUrl.strip();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
