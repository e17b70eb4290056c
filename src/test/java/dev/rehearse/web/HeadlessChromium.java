package dev.rehearse.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the web chat's browser tests. Uses
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Selenium's own driver download
 * cannot work offline) with a fresh profile per browser. Where they are not installed the tests
 * are skipped with a message, except on CI ({@code CI=true}), where that is a failure.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("rehearse.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("rehearse.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	final ChromeDriver driver;

	final WebDriverWait wait;

	private final Path profile;

	private final String baseUrl;

	private HeadlessChromium(String baseUrl, String language, List<String> extraArguments) {
		this.baseUrl = baseUrl;
		try {
			this.profile = Files.createTempDirectory("rehearse-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--no-first-run", "--window-size=1280,900", "--lang=" + language,
				"--user-data-dir=" + this.profile.toAbsolutePath());
		options.addArguments(extraArguments);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().window().setSize(new Dimension(1280, 900));
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(30));
	}

	/**
	 * Opens a browser, or skips the test where Chromium is not installed (fails instead when
	 * {@code CI=true}: CI installs it, so its absence there is a broken build, not a skip).
	 */
	static HeadlessChromium open(String baseUrl, String language) {
		return open(baseUrl, language, List.of());
	}

	/**
	 * Opens a browser with more Chromium switches, such as a fake microphone
	 * ({@code --use-file-for-fake-audio-capture=<wav>}).
	 */
	static HeadlessChromium open(String baseUrl, String language, List<String> extraArguments) {
		List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER)
			.filter((path) -> !Files.isExecutable(path))
			.map(Path::toString)
			.toList();
		if (!missing.isEmpty()) {
			String message = "Browser tests need Debian's chromium and chromium-driver (missing: "
					+ String.join(", ", missing) + "); install them with "
					+ "'apt-get install -y chromium chromium-driver fonts-wqy-zenhei'";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("On CI the browser tests must run. " + message);
			}
			Assumptions.abort("Skipped: " + message);
		}
		return new HeadlessChromium(baseUrl, language, extraArguments);
	}

	/**
	 * Emulates a viewport of exactly this size (a phone is 390×844, mobile), independent of the
	 * headless window's own frame.
	 */
	void viewport(int width, int height, boolean mobile) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	/** Switches the page between the light and the dark theme (prefers-color-scheme). */
	void dark(boolean dark) {
		this.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
				List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
	}

	/**
	 * Whether the element lies wholly in the visible part of the page: below the sticky top bar,
	 * above the answer box (while it is shown) and within window.innerHeight.
	 */
	boolean inView(WebElement element) {
		return script("""
				const r = arguments[0].getBoundingClientRect();
				const bar = document.querySelector('.topbar').getBoundingClientRect().bottom;
				const composer = document.getElementById('composer');
				const bottom = composer && !composer.hidden ? Math.min(composer.getBoundingClientRect().top, innerHeight) : innerHeight;
				return r.height > 0 && r.top >= bar - 1 && r.bottom <= bottom + 1;
				""", element);
	}

	/** Waits for smooth scrolling to come to rest. */
	void settled() {
		settle();
	}

	void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	WebElement find(String css) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	WebElement clickable(String css) {
		return this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
	}

	List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	@SuppressWarnings("unchecked")
	<T> T script(String script, Object... args) {
		return (T) ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** Scrolls the element to the top of the view (below the sticky bar), then saves a screenshot. */
	Path screenshot(String name, WebElement top) {
		settle();
		script("window.scrollTo({ top: arguments[0].getBoundingClientRect().top + window.scrollY - 76, behavior: 'instant' })", top);
		return screenshot(name);
	}

	/** Saves a screenshot of the viewport as target/screenshots/{name}.png. */
	Path screenshot(String name) {
		settle();
		try {
			Files.createDirectories(SCREENSHOTS);
			File file = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a browser scenario; when it fails, keeps a screenshot ({name}-failure.png) and prints
	 * the page's console, which is where a front-end error shows up.
	 */
	void run(String name, Runnable scenario) {
		try {
			scenario.run();
		}
		catch (RuntimeException | AssertionError ex) {
			try {
				screenshot(name + "-failure");
				for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
					System.err.println("[browser] " + entry.getLevel() + " " + entry.getMessage());
				}
			}
			catch (RuntimeException diagnostics) {
				ex.addSuppressed(diagnostics);
			}
			throw ex;
		}
	}

	/**
	 * The page's console errors so far, less the expected ones (a failed request logs its status:
	 * those the test provoked on purpose are named by the caller).
	 */
	List<String> consoleErrors(String... expected) {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> Stream.of(expected).noneMatch(message::contains))
			.toList();
	}

	/** Waits for smooth scrolling to come to rest, or a picture is taken mid-way. */
	private void settle() {
		this.wait.until((driver) -> (Boolean) script("""
				const y = window.scrollY;
				return new Promise((resolve) => setTimeout(() => resolve(window.scrollY === y), 200));
				"""));
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}

}
