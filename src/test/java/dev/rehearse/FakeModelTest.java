package dev.rehearse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import dev.rehearse.testsupport.FakeModelServer;

/**
 * A {@link DatabaseTest} whose examiner is the LLM examiner talking to the test class's fake model
 * server: the {@code static} {@link FakeModelServer} field of the test class (there must be
 * exactly one) becomes the OpenAI-compatible provider ({@code spring.ai.model.chat=openai}, its
 * base URL, a test key, the model named here). Other settings go in a
 * {@code @TestPropertySource} on the test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ContextCustomizerFactories({ TestDatabase.Customizer.class, FakeModelTest.Customizer.class })
public @interface FakeModelTest {

	/** The model name the examiner asks for (and names in verdicts). */
	String model() default "fake-model";

	/** Wires the test class's fake model server into the application's environment. */
	final class Customizer implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			FakeModelTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, FakeModelTest.class);
			return (annotation != null) ? new ModelCustomizer(server(testClass), annotation.model()) : null;
		}

		private static Field server(Class<?> testClass) {
			List<Field> fields = new java.util.ArrayList<>();
			for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (Modifier.isStatic(field.getModifiers()) && FakeModelServer.class.isAssignableFrom(field.getType())) {
						fields.add(field);
					}
				}
			}
			if (fields.size() != 1) {
				throw new IllegalStateException("@FakeModelTest needs exactly one static FakeModelServer field in "
						+ testClass.getName() + ", found " + fields.size());
			}
			fields.get(0).setAccessible(true);
			return fields.get(0);
		}

	}

	/** Equal for the same server field and model, so such test classes share nothing by accident. */
	record ModelCustomizer(Field server, String model) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FakeModelServer fake;
			try {
				fake = (FakeModelServer) this.server.get(null);
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("fakeModel",
						Map.of("spring.ai.model.chat", "openai", "spring.ai.openai.base-url", fake.baseUrl(),
								"spring.ai.openai.api-key", "test-key", "spring.ai.openai.chat.model", this.model)));
		}

	}

}
