package eu.opeva.coordinator.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named explicitly, so Selenium
 * never looks for (or downloads) a driver or a browser. When either is missing the tests fail,
 * saying what to install ({@code .ci/run} installs both).
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(env("CHROMIUM_BINARY", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));

  /** Where screenshots go: {@code -Dconsole.screenshots=docs/ui} to refresh the docs' pictures. */
  static final Path SHOTS =
      Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

  private static final Duration WAIT = Duration.ofSeconds(30);

  final ChromeDriver driver;
  private final Path profile;

  private ConsoleBrowser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static ConsoleBrowser start() {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(
            binary
                + " is missing: the browser tests need Debian's chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver)");
      }
    }
    try {
      Path profile = Files.createTempDirectory("console-browser");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-dev-shm-usage",
          "--disable-gpu",
          "--no-first-run",
          "--disable-extensions",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1280,900",
          "--user-data-dir=" + profile);
      // The page's console messages, for the message of a failed wait.
      options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
      return new ConsoleBrowser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits (up to 30 s) until {@code condition} gives a value other than null or false. */
  <T> T until(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
          .withMessage(what)
          .until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(what + " not within " + WAIT + "; " + pageState(), e);
    }
  }

  /** Where the browser is, what the page says and what its console logged. */
  private String pageState() {
    StringBuilder out = new StringBuilder("at ").append(driver.getCurrentUrl()).append('\n');
    try {
      out.append("page text: ").append(driver.findElement(By.tagName("body")).getText());
    } catch (RuntimeException e) {
      out.append("page text unreadable: ").append(e.getMessage());
    }
    for (var entry : driver.manage().logs().get("browser")) {
      out.append("\nconsole: ").append(entry.getLevel()).append(' ').append(entry.getMessage());
    }
    return out.toString();
  }

  /** The first element matching {@code css}, once there. */
  WebElement element(String css) {
    return until("an element " + css, d -> first(css));
  }

  /** The element matching {@code css} now, or null. */
  WebElement first(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0);
  }

  /** Waits until the text of {@code css} contains {@code text}; that element. */
  WebElement untilText(String css, String text) {
    return until(
        css + " showing '" + text + "'",
        d -> {
          WebElement e = first(css);
          try {
            return e != null && e.getText().contains(text) ? e : null;
          } catch (org.openqa.selenium.StaleElementReferenceException stale) {
            return null;
          }
        });
  }

  /** Saves a picture of the whole page (up to 2400 pixels high) as {@code <SHOTS>/<name>.png}. */
  void screenshot(String name) {
    org.openqa.selenium.Dimension window = driver.manage().window().getSize();
    long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
    try {
      driver
          .manage()
          .window()
          .setSize(
              new org.openqa.selenium.Dimension(window.getWidth(), (int) Math.min(2400, height)));
      Files.createDirectories(SHOTS);
      Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(taken, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
