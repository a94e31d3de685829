package org.pathway.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathway.api.Api;
import org.pathway.api.ApiTestBase;
import org.pathway.testidp.TestIdentityProvider;

/**
 * The pages in a real Chromium (installed by src/test/browser/install-chromium.sh) against the real
 * application: every headline figure is the API's figure, an analyst never sees an internal id or
 * NHS number, as-at shows what was known then, corrections show on the journey, and axe-core finds
 * no accessibility violation on any page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT extends ApiTestBase {
  private static final String PERIOD = "2025-12";
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final List<String> FAMILIES =
      List.of(
          "length-of-stay",
          "bed-days",
          "delayed-discharge",
          "out-of-area",
          "readmission",
          "follow-up-72h",
          "time-in-community",
          "step-down",
          "settled-accommodation");
  private static ChromeDriver browser;
  private static boolean imported;

  @BeforeAll
  static void startBrowser() throws Exception {
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
        "--user-data-dir=" + Files.createTempDirectory("pathway-chromium-"));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .build(),
            options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void demo() throws Exception {
    if (!imported) {
      // recorded now (not a migration), so that other classes' as-at answers about 2024 and 2025
      // see none of it
      importDemo(300, 11);
      imported = true;
    }
  }

  private String url(String path) {
    return "http://localhost:" + api.port() + path;
  }

  private void signIn(String user) {
    browser.manage().deleteAllCookies();
    browser.get(url("/ui/login"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-demo");
    browser.findElement(By.id("sign-in")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> !d.getCurrentUrl().contains("/ui/login"));
  }

  private void open(String path) {
    browser.get(url(path));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            d ->
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return document.readyState === 'complete' &&"
                            + " [...document.querySelectorAll('.pathway-chart')]"
                            + ".every(c => c.dataset.drawn === 'true')"))
        .equals(Boolean.TRUE);
  }

  private void screenshot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  /** axe-core, from the front end's lock file, run in the page: the WCAG 2.2 AA rules. */
  @SuppressWarnings("unchecked")
  private List<String> accessibilityViolations() throws Exception {
    String axe = Files.readString(Path.of("src/main/frontend/node_modules/axe-core/axe.min.js"));
    browser.executeScript(axe);
    Object result =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ('"
                + " + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))"
                + ".catch(e => done(['axe failed: ' + e]));");
    return (List<String>) result;
  }

  private Map<String, Double> apiFigures(String family, String query) {
    Api.Response r = api.as("analyst").get("/metrics/" + family + "?" + query);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    Map<String, Double> figures = new java.util.HashMap<>();
    for (JsonNode f : r.body().path("total").path("figures")) {
      figures.put(
          f.path("name").asText(), f.path("value").isNull() ? null : f.path("value").asDouble());
    }
    return figures;
  }

  private static Double number(String attribute) {
    return attribute == null || attribute.isEmpty() ? null : Double.valueOf(attribute);
  }

  @Test
  @Order(1)
  void everyHeadlineOnTheOverviewIsTheApisFigure() throws Exception {
    demo();
    signIn("analyst");
    open("/ui/overview?period=" + PERIOD);
    screenshot("overview");
    List<WebElement> cards = browser.findElements(By.cssSelector(".pathway-card"));
    assertThat(cards)
        .extracting(c -> c.getAttribute("data-family"))
        .containsExactlyElementsOf(FAMILIES);
    int withData = 0;
    for (WebElement card : cards) {
      String family = card.getAttribute("data-family");
      Map<String, Double> api = apiFigures(family, "from=2025-12-01&to=2025-12-31");
      String figure = card.getAttribute("data-figure");
      assertThat(number(card.getAttribute("data-value")))
          .as(family + " " + figure)
          .isEqualTo(api.get(figure));
      if (api.get(figure) != null) {
        withData++;
      }
    }
    assertThat(withData).as("families with a figure in " + PERIOD).isGreaterThanOrEqualTo(6);
    assertThat(accessibilityViolations()).as("axe on the overview").isEmpty();
    keyboardOnly(cards.get(1).findElement(By.cssSelector("a.nhsuk-card__link")));
  }

  /**
   * With the keyboard alone: the first Tab reaches the skip link, Enter on it moves past the
   * header, and Tab goes on through the page in order to a card's link (whose address carries no
   * empty parameter), where Enter opens the family's page; its period is then chosen with the arrow
   * keys and the form sent from its button with Enter.
   */
  private void keyboardOnly(WebElement card) {
    String target = card.getAttribute("href");
    assertThat(target).as("a card's link without an as-at time").doesNotContain("asAt");
    browser.executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
    Actions keys = new Actions(browser);
    keys.sendKeys(Keys.TAB).perform();
    assertThat(focused().getText()).isEqualTo("Skip to main content");
    keys.sendKeys(Keys.ENTER).perform();
    int presses = 0;
    while (!target.equals(focused().getAttribute("href")) && presses++ < 60) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(focused().getAttribute("href")).as("reached by Tab").isEqualTo(target);
    keys.sendKeys(Keys.ENTER).perform();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().startsWith(target));
    WebElement period = browser.findElement(By.id("period"));
    String before = period.getAttribute("value");
    presses = 0;
    while (!focused().equals(period) && presses++ < 80) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(focused()).as("the period list reached by Tab").isEqualTo(period);
    keys.sendKeys(Keys.ARROW_DOWN).perform();
    String chosen = period.getAttribute("value");
    assertThat(chosen).isNotEqualTo(before);
    WebElement show = browser.findElement(By.id("show"));
    presses = 0;
    while (!focused().equals(show) && presses++ < 5) {
      keys.sendKeys(Keys.TAB).perform();
    }
    keys.sendKeys(Keys.ENTER).perform();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().contains("period=" + chosen));
  }

  private WebElement focused() {
    return browser.switchTo().activeElement();
  }

  @Test
  @Order(2)
  void aFamilyPageShowsItsFiguresSeriesAndBreakdownAndTheAnalystSeesNoIdentifiers()
      throws Exception {
    demo();
    signIn("analyst");
    open("/ui/metrics/length-of-stay?period=" + PERIOD + "&by=settingGroup");
    screenshot("family");
    Map<String, Double> figures = apiFigures("length-of-stay", "from=2025-12-01&to=2025-12-31");
    List<WebElement> rows = browser.findElements(By.cssSelector("tr[data-figure]"));
    assertThat(rows).hasSize(figures.size());
    for (WebElement row : rows) {
      assertThat(number(row.getAttribute("data-value")))
          .as(row.getAttribute("data-figure"))
          .isEqualTo(figures.get(row.getAttribute("data-figure")));
    }
    assertThat(browser.findElements(By.cssSelector("tr[data-month]"))).hasSize(12);
    assertThat(browser.findElements(By.cssSelector("tr[data-group]"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector(".pathway-chart svg"))).hasSizeGreaterThan(1);
    assertThat(accessibilityViolations()).as("axe on a family page").isEmpty();

    // the auditor's API answer names the records behind the figure; none of it reaches the analyst
    Api.Response identified =
        api.as("auditor")
            .get("/metrics/length-of-stay/records?from=2025-12-01&to=2025-12-31&identified=true");
    assertThat(identified.status()).as(identified.toString()).isEqualTo(200);
    String page = browser.getPageSource();
    List<String> leaked = new ArrayList<>();
    java.util.regex.Matcher ids =
        java.util.regex.Pattern.compile(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
            .matcher(identified.raw());
    int seen = 0;
    while (ids.find()) {
      seen++;
      if (page.contains(ids.group())) {
        leaked.add(ids.group());
      }
    }
    assertThat(seen).as("ids in the auditor's answer").isPositive();
    assertThat(leaked).as("internal ids on the analyst's page").isEmpty();
    assertThat(page).doesNotContainPattern("\\b999\\d{7}\\b");

    // the drill-down pages on by keyset: a year of bed days has more records than one page
    open("/ui/metrics/bed-days?period=2025");
    List<String> first =
        browser.findElements(By.cssSelector("tr.pathway-record")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(first).hasSize(25);
    browser.findElement(By.id("next-page")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().contains("after="));
    List<String> second =
        browser.findElements(By.cssSelector("tr.pathway-record")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
    assertThat(browser.getCurrentUrl()).endsWith("#records-heading");
    assertThat(browser.getPageSource()).doesNotContainPattern("\\b999\\d{7}\\b");
  }

  @Test
  @Order(3)
  void asAtShowsWhatWasKnownThenBesideWhatIsKnownNow() throws Exception {
    demo();
    signIn("analyst");
    Double before = apiFigures("length-of-stay", "from=2025-12-01&to=2025-12-31").get("meanLos");
    Thread.sleep(1100);
    Instant then = Instant.now();
    Thread.sleep(1100);
    // learnt today: a stay of 300 days that ended in December 2025
    UUID[] suRef = registerWithReferral();
    UUID spell = admit(suRef[0], suRef[1], "2025-03-05T10:00:00Z");
    Api.Response discharged =
        api.post(
            "/service-users/" + suRef[0] + "/spells/" + spell + "/discharge",
            Api.json(
                "occurredAt", "2025-12-30T10:00:00Z",
                "dischargeMethod", "1",
                "dischargeDestination", "19"));
    assertThat(discharged.status()).as(discharged.toString()).isIn(200, 201);
    awaitProjection();
    Double after = apiFigures("length-of-stay", "from=2025-12-01&to=2025-12-31").get("meanLos");
    assertThat(after).isNotEqualTo(before);

    open("/ui/overview?period=" + PERIOD + "&asAt=" + then);
    screenshot("overview-as-at");
    WebElement los =
        browser.findElement(By.cssSelector(".pathway-card[data-family='length-of-stay']"));
    assertThat(number(los.getAttribute("data-value"))).isEqualTo(before);
    assertThat(number(los.findElement(By.cssSelector("[data-now]")).getAttribute("data-now")))
        .isEqualTo(after);
    assertThat(browser.findElement(By.id("as-at-note")).getText()).contains("as known on");
    assertThat(accessibilityViolations()).as("axe on the overview as at").isEmpty();

    open("/ui/overview?period=" + PERIOD);
    assertThat(
            number(
                browser
                    .findElement(By.cssSelector(".pathway-card[data-family='length-of-stay']"))
                    .getAttribute("data-value")))
        .isEqualTo(after);
  }

  @Test
  @Order(4)
  void theJourneyShowsItsFactsAndTheirCorrections() throws Exception {
    demo();
    UUID[] suRef = registerWithReferral();
    UUID spell = admit(suRef[0], suRef[1], "2025-03-05T10:00:00Z");
    Api.Response corrected =
        correct(suRef[0], spell, Map.of("legalStatus", "03"), "2025-03-06T09:00:00Z");
    assertThat(corrected.status()).as(corrected.toString()).isIn(200, 201);
    awaitProjection();
    String nhsNumber =
        api.get("/service-users/" + suRef[0]).body().at("/identity/nhsNumber").asText();

    signIn("clinician");
    open("/ui/service-users");
    browser.findElement(By.id("nhsNumber")).sendKeys(nhsNumber);
    browser.findElement(By.id("find")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().contains("/ui/service-users/" + suRef[0]));
    open("/ui/service-users/" + suRef[0]);
    screenshot("journey");
    assertThat(browser.findElement(By.cssSelector("tr[data-fact='" + spell + "']")).getText())
        .contains("Corrected");
    assertThat(browser.findElements(By.cssSelector(".pathway-correction"))).isNotEmpty();
    assertThat(accessibilityViolations()).as("axe on the journey").isEmpty();

    // the clinician's view of a record is in the access log, as the API's is
    Long logged =
        jdbc.queryForObject(
            "SELECT count(*) FROM access_log WHERE service_user_id = ? AND endpoint LIKE '/ui/%'",
            Long.class, suRef[0]);
    assertThat(logged).isPositive();

    // the auditor sees the same journey, and its overview
    signIn("auditor");
    open("/ui/service-users/" + suRef[0]);
    assertThat(browser.findElement(By.cssSelector("tr[data-fact='" + spell + "']")).getText())
        .contains("Corrected");
    open("/ui/overview?period=" + PERIOD);
    assertThat(browser.findElements(By.cssSelector(".pathway-card"))).hasSize(FAMILIES.size());

    // an analyst may not open a journey
    signIn("analyst");
    browser.get(url("/ui/service-users/" + suRef[0]));
    assertThat(browser.getPageSource()).doesNotContain(nhsNumber);
  }

  /**
   * Through the identity provider: the browser leaves for the provider's own sign-in form, comes
   * back signed in, and has the role its ID token carries — the provider's clinician finds and
   * reads a journey (access-logged under the provider's user name) and may not see figures; its
   * analyst starts at the overview and may not open a journey.
   */
  @Test
  @Order(5)
  void signingInThroughTheIdentityProviderGivesTheRoleItsTokenCarries() throws Exception {
    demo();
    UUID[] suRef = registerWithReferral();
    admit(suRef[0], suRef[1], "2025-04-07T10:00:00Z");
    awaitProjection();
    String app = "http://127.0.0.1:" + api.port();

    signInAtTheIdentityProvider(app, "ward.nurse");
    assertThat(browser.getCurrentUrl()).isEqualTo(app + "/ui/service-users");
    assertThat(browser.findElement(By.cssSelector(".nhsuk-header__account-item")).getText())
        .isEqualTo("ward.nurse (clinician)");
    browser.get(app + "/ui/service-users/" + suRef[0]);
    assertThat(browser.findElements(By.cssSelector("tr[data-fact]"))).isNotEmpty();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM access_log WHERE service_user_id = ? AND principal = ?"
                    + " AND endpoint LIKE '/ui/%'",
                Long.class, suRef[0], "ward.nurse"))
        .isPositive();
    browser.get(app + "/ui/overview");
    assertThat(browser.findElements(By.cssSelector(".pathway-card"))).isEmpty();

    signInAtTheIdentityProvider(app, "ana.lyst");
    assertThat(browser.getCurrentUrl()).startsWith(app + "/ui/overview");
    assertThat(browser.findElements(By.cssSelector(".pathway-card"))).hasSize(FAMILIES.size());
    browser.get(app + "/ui/service-users/" + suRef[0]);
    assertThat(browser.findElements(By.cssSelector("tr[data-fact]"))).isEmpty();
  }

  /**
   * While a rebuild runs the pages say so, with its progress, and keep showing the figures of the
   * complete live read models. The rebuild is held at its switch by a lock this test keeps on a
   * live table, so that it is certainly running while the pages are read.
   */
  @Test
  @Order(6)
  void whileARebuildRunsThePagesSaySoAndShowItsProgress() throws Exception {
    demo();
    signIn("auditor");
    Api admin = api.as("admin");
    try (java.sql.Connection hold = jdbc.getDataSource().getConnection()) {
      hold.setAutoCommit(false);
      try (java.sql.Statement lock = hold.createStatement()) {
        lock.execute("LOCK TABLE spell_version IN ACCESS SHARE MODE");
      }
      Api.Response started = admin.send("POST", "/admin/rebuilds?readModel=journey-history", "");
      assertThat(started.status()).as(started.toString()).isEqualTo(202);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(d -> "CATCHING_UP".equals(admin.get("/admin/rebuilds").text("phase")));

      open("/ui/overview?period=" + PERIOD);
      WebElement banner = browser.findElement(By.id("rebuild-banner"));
      assertThat(banner.getText()).contains("Phase CATCHING_UP").contains("events");
      assertThat(browser.findElements(By.cssSelector(".pathway-card"))).hasSize(FAMILIES.size());
      open("/ui/rebuild");
      assertThat(browser.findElement(By.id("rebuild-banner")).getText()).contains("%");
      screenshot("rebuild");
      assertThat(accessibilityViolations()).as("axe on the rebuild page").isEmpty();
      hold.rollback();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!"CURRENT".equals(admin.get("/admin/rebuilds").text("state"))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    open("/ui/overview?period=" + PERIOD);
    assertThat(browser.findElements(By.id("rebuild-banner"))).isEmpty();
    open("/ui/rebuild");
    assertThat(browser.findElement(By.id("rebuild-state")).getText()).contains("current");
  }

  private void signInAtTheIdentityProvider(String app, String user) {
    browser.get(app + "/ui/login");
    browser.manage().deleteAllCookies(); // the pages' and the provider's: both on 127.0.0.1
    browser.get(app + "/ui/login");
    WebElement start = browser.findElement(By.id("sign-in-idp"));
    assertThat(start.getText()).isEqualTo("Sign in with the test identity provider");
    start.click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> !d.getCurrentUrl().startsWith(app));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(TestIdentityProvider.password(user));
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        d -> d.getCurrentUrl().startsWith(app + "/ui/") && !d.getCurrentUrl().contains("login"));
  }
}
