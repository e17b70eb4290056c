package dev.rehearse.interview;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.rehearse.system.ApiProblem;

import org.springframework.stereotype.Component;

/**
 * Bean Validation of the request records, answered as the API's 400: each violation's message is a
 * code of {@code messages*.properties}, turned into a field message that {@link ApiProblem} puts
 * into the caller's language when the response is written (Bean Validation's own interpolation
 * knows no request language in WebFlux).
 */
@Component
class RequestValidation {

	private final Validator validator;

	RequestValidation(Validator validator) {
		this.validator = validator;
	}

	/** The request's violations as field messages, one per field and code, in the record's order. */
	List<ApiProblem.FieldMessage> violations(Record request) {
		List<String> order = Arrays.stream(request.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
		List<ApiProblem.FieldMessage> messages = new ArrayList<>();
		this.validator.validate(request)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<Record> violation) -> order.indexOf(field(violation)))
				.thenComparing(ConstraintViolation::getMessageTemplate))
			.map((violation) -> new ApiProblem.FieldMessage(field(violation), violation.getMessageTemplate(),
					arguments(violation.getConstraintDescriptor().getAnnotation())))
			.filter((message) -> messages.stream()
				.noneMatch((other) -> other.field().equals(message.field()) && other.code().equals(message.code())))
			.forEach(messages::add);
		return messages;
	}

	/** The record component: an element of a list is reported as the list. */
	private static String field(ConstraintViolation<?> violation) {
		for (Path.Node node : violation.getPropertyPath()) {
			if (node.getName() != null) {
				return node.getName();
			}
		}
		return "";
	}

	/** What the message says besides the field: the length limit, or the values allowed. */
	private static Object[] arguments(Annotation constraint) {
		if (constraint instanceof Size size) {
			return new Object[] { size.max() };
		}
		if (constraint instanceof Pattern pattern) {
			return pattern.regexp().split("\\|");
		}
		return new Object[0];
	}

}
