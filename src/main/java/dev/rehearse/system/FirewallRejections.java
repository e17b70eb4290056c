package dev.rehearse.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request Spring Security's firewall refuses (an encoded slash or {@code ..} in the path, such as
 * a bank id that tries to climb out of its directory) gets a problem body and one log line instead
 * of a bare 400.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

	private static final Logger logger = LoggerFactory.getLogger(FirewallRejections.class);

	private final ProblemResponses problems;

	FirewallRejections(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		logger.warn("Refused {} {} with 400: {}", exchange.getRequest().getMethod(),
				RequestGuard.printable(exchange.getRequest().getPath().value()), RequestGuard.printable(ex.getMessage()));
		return this.problems.write(exchange, ApiProblem.invalid("path", "validation.path-not-allowed"));
	}

}
