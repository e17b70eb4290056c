package dev.rehearse.system;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	@Test
	void readsSecondsFractionsOfASecondOrAnHttpDate() {
		assertThat(RetryAfter.parse("2")).contains(Duration.ofSeconds(2));
		assertThat(RetryAfter.parse(" 0.5 ")).contains(Duration.ofMillis(500));
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
		assertThat(RetryAfter.parse(inTenSeconds))
			.hasValueSatisfying((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
	}

	@Test
	void aDateInThePastMeansNowAndANegativeNumberToo() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
		assertThat(RetryAfter.parse("-3")).contains(Duration.ZERO);
	}

	@Test
	void aMissingOrUnreadableValueAsksForNothing() {
		assertThat(RetryAfter.parse(null)).isEmpty();
		assertThat(RetryAfter.parse(" ")).isEmpty();
		assertThat(RetryAfter.parse("soon")).isEmpty();
	}

}
