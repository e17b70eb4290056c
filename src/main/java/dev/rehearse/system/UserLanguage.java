package dev.rehearse.system;

import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language of the server's messages, from {@code Accept-Language}: Chinese when the client
 * prefers it to English, English otherwise (also for a missing or malformed header). The web chat
 * sends its UI language on every call.
 */
public final class UserLanguage implements LocaleContextResolver {

	static final Locale ENGLISH = Locale.ENGLISH;

	static final Locale CHINESE = Locale.CHINESE;

	private static final List<String> SUPPORTED = List.of("en", "zh");

	/** The language of a request's {@code Accept-Language} header. */
	public static Locale ofRequest(ServerWebExchange exchange) {
		return of(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
	}

	@Override
	public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
		return new SimpleLocaleContext(of(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE)));
	}

	@Override
	public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
		throw new UnsupportedOperationException("The language comes from the Accept-Language header");
	}

	/** The language for an {@code Accept-Language} value. */
	public static Locale of(String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return ENGLISH;
		}
		try {
			// lookup narrows zh-CN or zh-Hant-TW down to zh, honours q-values and skips q=0
			String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
			return "zh".equals(tag) ? CHINESE : ENGLISH;
		}
		catch (IllegalArgumentException ex) {
			// a header we cannot read is no reason to refuse the request
			return ENGLISH;
		}
	}

}
