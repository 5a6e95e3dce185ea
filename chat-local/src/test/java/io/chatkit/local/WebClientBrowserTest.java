package io.chatkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.service.ChatLimits;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.websocket.ChatClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two people in two headless Chromium sessions chat through the web client: the second sees the first's
 * message, the first sees "seen". Needs Debian's chromium and chromium-driver (.ci/run installs them);
 * without them the test is skipped with a warning, except under CI=true, where it fails. Each test has a gateway and
 * browsers of its own, so that none sees another's users, rooms or order.
 */
class WebClientBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private LocalChat chat;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void needsChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Chromium or ChromeDriver missing (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + "; CI=true forbids skipping the browser test");
            }
            System.err.println("\n*** WARNING: browser test SKIPPED: " + why + " ***\n");
            Assumptions.abort(why);
        }
    }

    @BeforeEach
    void start() throws Exception {
        // limits out of the way: the tests below make hundreds of messages and rooms as one user
        chat = LocalChat.start(RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE)
                .withLimits(ChatLimits.DEFAULTS.withFrames(10_000, 1_000).withRoomChangesPerHour(1_000)));
    }

    @AfterEach
    void stop() throws Exception {
        browsers.forEach(WebDriver::quit);
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void two_people_chat_and_the_sender_sees_seen() throws Exception {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        signIn(alice, "alice");
        signIn(bob, "bob");

        createRoom(alice, "bob");
        alice.findElement(By.id("content")).sendKeys("hello from alice <img src=x onerror=\"document.title='pwned'\">");
        alice.findElement(By.id("send")).click();

        // located afresh each time: the list is re-rendered when the message arrives, which makes a found item stale
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rooms li"),
                "hello from alice"));
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        // the text exactly as typed (waited for by locator, as the list re-renders when messages and receipts arrive)
        waitFor(bob).until(ExpectedConditions.textToBe(
                By.xpath("//ol[@id='messages']/li[contains(., 'hello from alice')]//*[contains(@class, 'text')]"),
                "hello from alice <img src=x onerror=\"document.title='pwned'\">"));
        assertThat(bob.findElements(By.cssSelector("#messages img"))).as("content is text, never HTML").isEmpty();
        assertThat(bob.getTitle()).isEqualTo("chatkit local");

        waitFor(alice).until(ExpectedConditions.textToBe(By.cssSelector("#messages li.mine .seen"), "seen"));
    }

    /** A short conversation, in order, with "seen": also the README's picture ({@code target/web-client.png}). */
    @Test
    void a_conversation_reads_in_order_on_both_sides() throws Exception {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        signIn(alice, "alice");
        signIn(bob, "bob");
        createRoom(alice, "bob");
        say(alice, "Lunch at noon?");
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(bob).until(driver -> messagesShown(driver).contains("Lunch at noon?"));
        say(bob, "Sounds good. The usual place?");
        waitFor(alice).until(driver -> messagesShown(driver).contains("Sounds good. The usual place?"));
        say(alice, "Yes, see you there!");

        List<String> conversation = List.of("Lunch at noon?", "Sounds good. The usual place?", "Yes, see you there!");
        waitFor(bob).until(driver -> messagesShown(driver).containsAll(conversation));
        assertThat(messagesShown(bob)).containsSubsequence(conversation);
        assertThat(messagesShown(alice)).containsSubsequence(conversation);
        waitFor(alice).until(ExpectedConditions.textToBe(By.cssSelector("#messages li.mine:last-child .seen"), "seen"));
        Files.write(Path.of("target", "web-client.png"),
                ((org.openqa.selenium.TakesScreenshot) alice).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    @Test
    void an_unread_message_shows_as_a_badge_and_a_reconnecting_client_catches_up() throws Exception {
        WebDriver carol = browser("carol");
        WebDriver dave = browser("dave");
        signIn(carol, "carol");
        signIn(dave, "dave");
        createRoom(carol, "dave");
        say(carol, "first, while dave looks elsewhere");

        // dave is not in the room: the list shows one unread
        waitFor(dave).until(ExpectedConditions.textToBe(By.cssSelector("#rooms li .badge"), "1"));
        waitFor(dave).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(dave).until(ExpectedConditions.attributeToBe(By.cssSelector("#rooms li .badge"), "data-count", "0"));
        assertThat(dave.findElement(By.cssSelector("#rooms li .badge")).isDisplayed()).as("no badge at 0").isFalse();

        // dave's socket drops; he reconnects only after carol has spoken, so he must catch up, not be pushed to
        ((JavascriptExecutor) dave).executeScript(
                "const real = connect; window.connect = () => { window.reconnectNow = real; }; state.socket.close();");
        waitFor(dave).until(ExpectedConditions.textToBe(By.id("status"), "offline"));
        waitFor(dave).until(browser -> Boolean.TRUE.equals(((JavascriptExecutor) browser)
                .executeScript("return typeof window.reconnectNow === 'function';"))); // it wants to reconnect
        say(carol, "second, while dave was away");
        waitFor(carol).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='messages']/li[contains(., 'second, while dave was away')]")));
        assertThat(dave.findElements(By.xpath("//ol[@id='messages']/li[contains(., 'second, while dave was away')]")))
                .as("nothing reaches a closed socket").isEmpty();
        ((JavascriptExecutor) dave).executeScript("window.reconnectNow();");

        waitFor(dave).until(ExpectedConditions.textToBe(By.id("status"), "online"));
        waitFor(dave).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='messages']/li[contains(., 'second, while dave was away')]")));
    }

    @Test
    void a_burst_into_the_open_room_is_marked_read_at_most_once_a_second_not_once_per_message() throws Exception {
        WebDriver erin = browser("erin");
        signIn(erin, "erin");
        try (ChatClient frank = ChatClient.signIn(Endpoints.of(chat.gateway()), "frank")) {
            String room = frank.request("{\"action\":\"createRoom\",\"participantIds\":[\"erin\"]}")
                    .at("/data/chatRoomId").asText();
            waitFor(erin).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
            waitFor(erin).until(ExpectedConditions.visibilityOfElementLocated(By.id("composer")));
            recordSentFrames(erin);

            long started = System.nanoTime();
            String last = null;
            for (int i = 0; i < 30; i++) {
                last = frank.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                        + "\",\"content\":\"burst " + i + "\"}").at("/data/messageId").asText();
            }
            String newest = last;
            waitFor(erin).until(browser -> markReads(browser).stream().anyMatch(frame -> frame.contains(newest)));
            double seconds = (System.nanoTime() - started) / 1e9;

            List<String> marks = markReads(erin);
            assertThat(marks).as("one per second of traffic at most, over %.1f s", seconds)
                    .hasSizeBetween(1, (int) Math.ceil(seconds) + 1);
            List<String> marked = marks.stream()
                    .map(frame -> frame.replaceAll(".*\"messageId\":\"([^\"]+)\".*", "$1")).toList();
            assertThat(marked).as("each mark a later message than the one before, the newest last")
                    .isSorted().doesNotHaveDuplicates().last().isEqualTo(newest);
            assertThat(frank.await(frame -> frame.path("type").asText().equals("read")
                    && frame.at("/data/messageId").asText().equals(newest))).as("the newest is read").isNotNull();
        }
    }

    @Test
    void the_client_renews_its_token_before_it_expires_reconnects_and_keeps_chatting() throws Exception {
        WebDriver ivy = browser("ivy", "?tokenLifetime=10");
        signIn(ivy, "ivy");
        JavascriptExecutor script = (JavascriptExecutor) ivy;
        String firstToken = (String) script.executeScript("return state.token;");
        try (ChatClient jack = ChatClient.signIn(Endpoints.of(chat.gateway()), "jack")) {
            String room = jack.request("{\"action\":\"createRoom\",\"participantIds\":[\"ivy\"]}")
                    .at("/data/chatRoomId").asText();
            waitFor(ivy).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();

            // past the first token's expiry: a renewed token, and a socket opened with it
            waitFor(ivy).until(browser -> !firstToken.equals(script.executeScript("return state.token;")));
            long firstIssued = (Long) script.executeScript("return claimsOf(arguments[0]).iat;", firstToken);
            long firstExpiry = (Long) script.executeScript("return claimsOf(arguments[0]).exp;", firstToken);
            long renewedIssued = (Long) script.executeScript("return claimsOf(state.token).iat;");
            // renewed at 80 % of its life (8 s of 10, give or take the whole seconds of iat): not at expiry
            assertThat(renewedIssued).as("renewed before the first token expired").isLessThan(firstExpiry)
                    .isGreaterThanOrEqualTo(firstIssued + 7);
            waitFor(ivy).until(browser -> System.currentTimeMillis() / 1000 > firstExpiry + 1);
            waitFor(ivy).until(ExpectedConditions.textToBe(By.id("status"), "online"));
            jack.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"still there?\"}");
            waitFor(ivy).until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//ol[@id='messages']/li[contains(., 'still there?')]")));
            say(ivy, "yes");

            assertThat(jack.await(frame -> frame.path("type").asText().equals("message")
                    && frame.at("/data/content").asText().equals("yes"))).isNotNull();
        }
    }

    @Test
    void someone_is_added_to_a_group_and_someone_else_leaves_it_from_the_room_view() throws Exception {
        WebDriver quinn = browser("quinn");
        WebDriver rita = browser("rita");
        WebDriver sam = browser("sam");
        signIn(quinn, "quinn");
        signIn(rita, "rita");
        signIn(sam, "sam");
        createRoom(quinn, "rita, tara", "plans");
        say(quinn, "before sam came");

        waitFor(quinn).until(ExpectedConditions.elementToBeClickable(By.id("new-members"))).sendKeys("sam");
        quinn.findElement(By.id("add-members-button")).click();

        waitFor(sam).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rooms li .name"), "plans"));
        waitFor(sam).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(sam).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='messages']/li[contains(@class, 'system') and contains(., 'quinn added sam')]")));
        waitFor(sam).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='messages']/li[contains(., 'before sam came')]")));

        waitFor(rita).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(rita).until(ExpectedConditions.elementToBeClickable(By.id("leave-room"))).click();

        waitFor(rita).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rooms li"), 0));
        assertThat(rita.findElement(By.id("composer")).isDisplayed()).as("the room view is closed").isFalse();
        for (WebDriver stayed : List.of(quinn, sam)) {
            waitFor(stayed).until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//ol[@id='messages']/li[contains(@class, 'system') and contains(., 'rita left')]")));
        }
    }

    @Test
    void blocking_from_the_member_list_stops_the_blocked_users_messages_and_history_marks_them() throws Exception {
        WebDriver una = browser("una");
        WebDriver vic = browser("vic");
        WebDriver wes = browser("wes");
        signIn(una, "una");
        signIn(vic, "vic");
        signIn(wes, "wes");
        createRoom(wes, "una, vic", "trio");
        for (WebDriver member : List.of(una, vic)) {
            waitFor(member).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
            waitFor(member).until(ExpectedConditions.visibilityOfElementLocated(By.id("composer")));
        }

        waitFor(una).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#members li[data-user-id='vic'] button.block"))).click();
        waitFor(una).until(ExpectedConditions.textToBe(By.cssSelector("#members li[data-user-id='vic'] button.block"),
                "Unblock"));
        say(vic, "you will not see this");
        waitFor(vic).until(driver -> messagesShown(driver).contains("you will not see this"));
        say(wes, "but this you will");

        waitFor(una).until(driver -> messagesShown(driver).contains("but this you will"));
        assertThat(messagesShown(una)).as("no push of vic's message").doesNotContain("you will not see this");
        una.navigate().refresh();
        signIn(una, "una");
        waitFor(una).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(una).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='messages']/li[contains(@class, 'blocked') and contains(., 'you will not see this')]")));
        assertThat(una.findElements(By.xpath("//ol[@id='messages']/li[contains(@class, 'blocked')]")))
                .as("only vic's message is marked").hasSize(1);
    }

    @Test
    void a_direct_room_offers_leaving_but_not_adding() throws Exception {
        WebDriver heidi = browser("heidi");
        signIn(heidi, "heidi");
        heidi.findElement(By.id("participants")).sendKeys("ivan");
        heidi.findElement(By.id("create-room")).click();

        waitFor(heidi).until(ExpectedConditions.visibilityOfElementLocated(By.id("leave-room")));
        assertThat(heidi.findElement(By.id("add-members")).isDisplayed()).isFalse();
    }

    @Test
    void an_open_room_that_got_no_push_catches_up_a_gap_of_250_messages_after_a_reconnect() throws Exception {
        try (ChatClient leo = ChatClient.signIn(Endpoints.of(chat.gateway()), "leo")) {
            String room = leo.request("{\"action\":\"createRoom\",\"participantIds\":[\"kim\"]}")
                    .at("/data/chatRoomId").asText();
            leo.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"before\"}");
            WebDriver kim = browser("kim");
            signIn(kim, "kim"); // after the message: kim's client has had no push from this room
            waitFor(kim).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
            waitFor(kim).until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//ol[@id='messages']/li[contains(., 'before')]")));

            dropSocket(kim);
            for (int i = 1; i <= 250; i++) {
                assertThat(leo.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                        + "\",\"content\":\"gap " + i + "\"}").path("type").asText()).isEqualTo("sent");
            }
            reconnect(kim);

            waitFor(kim).withMessage(() -> "shown: " + messagesShown(kim))
                    .until(browser -> messagesShown(browser).stream().filter(text -> text.startsWith("gap ")).count() == 250);
            List<String> shown = messagesShown(kim);
            assertThat(shown).containsSubsequence("before", "gap 1", "gap 2", "gap 249", "gap 250");
            assertThat(shown).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_message_sent_while_the_socket_is_down_waits_and_goes_out_once_reconnected() throws Exception {
        try (ChatClient ned = ChatClient.signIn(Endpoints.of(chat.gateway()), "ned")) {
            ned.request("{\"action\":\"createRoom\",\"participantIds\":[\"mia\"]}");
            WebDriver mia = browser("mia");
            signIn(mia, "mia");
            waitFor(mia).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
            waitFor(mia).until(ExpectedConditions.visibilityOfElementLocated(By.id("composer")));

            recordSentFrames(mia);
            dropSocket(mia);
            say(mia, "typed while offline");

            waitFor(mia).until(ExpectedConditions.textToBe(By.id("waiting"), "1 waiting to send"));
            assertThat(sentFrames(mia)).as("nothing left the browser while offline")
                    .noneMatch(frame -> frame.contains("typed while offline"));
            reconnect(mia);

            assertThat(ned.await(frame -> frame.path("type").asText().equals("message")
                    && frame.at("/data/content").asText().equals("typed while offline"))).isNotNull();
            waitFor(mia).until(ExpectedConditions.textToBe(By.id("waiting"), ""));
            waitFor(mia).until(browser -> "".equals(((JavascriptExecutor) browser)
                    .executeScript("return document.getElementById('content').value;")));
        }
    }

    @Test
    void a_member_of_120_rooms_sees_all_120_in_the_list() throws Exception {
        try (ChatClient oscar = ChatClient.signIn(Endpoints.of(chat.gateway()), "oscar")) {
            for (int i = 0; i < 120; i++) {
                oscar.request("{\"action\":\"createRoom\",\"participantIds\":[\"pat\",\"guest" + i
                        + "\"],\"name\":\"room " + i + "\"}");
            }
            WebDriver pat = browser("pat");
            signIn(pat, "pat");

            waitFor(pat).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rooms li"), 120));
            assertThat(pat.findElements(By.cssSelector("#rooms li .name")).stream().map(WebElement::getText))
                    .contains("room 0", "room 119").doesNotHaveDuplicates();
        }
    }

    @Test
    void two_people_see_each_other_typing_and_going_offline_and_online_again() throws Exception {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        signIn(alice, "alice");
        signIn(bob, "bob");
        ((JavascriptExecutor) bob).executeScript("window.chatkitOfflineDebounceMs = 300;"); // 30 s in the product
        createRoom(alice, "bob");
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(bob).until(ExpectedConditions.attributeContains(By.cssSelector("#rooms li .presence"), "class",
                "online"));

        alice.findElement(By.id("content")).sendKeys("on my w");
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("typing"), "alice is typing…"));
        say(alice, "ay");
        waitFor(bob).until(driver -> messagesShown(driver).contains("on my way"));
        assertThat(bob.findElement(By.id("typing")).getText()).as("gone once her message came").isEmpty();

        browsers.remove(alice);
        alice.quit(); // her only tab: the socket closes, $disconnect follows
        waitFor(bob).until(ExpectedConditions.attributeContains(By.cssSelector("#rooms li .presence"), "class",
                "offline"));
        waitFor(bob).until(ExpectedConditions.textMatches(By.id("room-presence"), java.util.regex.Pattern.compile(
                "^last seen .+")));

        signIn(browser("alice"), "alice");
        waitFor(bob).until(ExpectedConditions.attributeContains(By.cssSelector("#rooms li .presence"), "class",
                "online"));
        waitFor(bob).until(ExpectedConditions.textToBe(By.id("room-presence"), "online"));
    }

    @Test
    void marking_a_message_unread_closes_the_room_and_its_badge_counts_from_that_message_on() throws Exception {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        signIn(alice, "alice");
        signIn(bob, "bob");
        createRoom(alice, "bob");
        for (String text : List.of("first", "second", "third")) {
            say(alice, text);
        }
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(bob).until(driver -> messagesShown(driver).containsAll(List.of("first", "second", "third")));
        waitFor(bob).until(ExpectedConditions.attributeToBe(By.cssSelector("#rooms li .badge"), "data-count", "0"));

        waitFor(bob).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//ol[@id='messages']/li[contains(., 'second')]//button[@class='mark-unread']"))).click();

        waitFor(bob).until(ExpectedConditions.textToBe(By.id("room-title"), "Pick a room"));
        waitFor(bob).until(ExpectedConditions.attributeToBe(By.cssSelector("#rooms li .badge"), "data-count", "2"));
    }

    @Test
    void edits_deletes_reactions_and_replies_are_seen_live_and_after_a_reconnect_that_missed_them() throws Exception {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        signIn(alice, "alice");
        signIn(bob, "bob");
        createRoom(alice, "bob");
        for (String text : List.of("lunhc at noon?", "wrong room, sorry", "see you")) {
            say(alice, text);
        }
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(bob).until(driver -> messagesShown(driver).contains("see you"));

        editInPlace(alice, "lunhc at noon?", "lunch at noon?");
        waitFor(bob).until(driver -> messagesShown(driver).contains("lunch at noon?"));
        waitFor(bob).until(ExpectedConditions.textToBe(By.xpath(
                "//ol[@id='messages']/li[contains(., 'lunch at noon?')]//span[@class='edited']"), "(edited)"));
        actOn(alice, "wrong room, sorry", "delete");
        waitFor(bob).until(driver -> messagesShown(driver).contains("message deleted")
                && !messagesShown(driver).contains("wrong room, sorry"));
        actOn(bob, "lunch at noon?", "pick");
        waitFor(alice).until(ExpectedConditions.textToBe(By.xpath(
                "//ol[@id='messages']/li[contains(., 'lunch at noon?')]//button[contains(@class, 'reaction')]"), "👍 1"));
        actOn(bob, "lunch at noon?", "reply");
        bob.findElement(By.id("content")).sendKeys("yes @al");
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "#mention-suggestions button.mention-suggestion"))).click();
        assertThat(bob.findElement(By.id("content")).getAttribute("value")).as("completed").isEqualTo("yes @alice ");
        bob.findElement(By.id("send")).click();
        waitFor(alice).until(ExpectedConditions.textToBe(By.xpath(
                "//ol[@id='messages']/li[contains(., 'yes @alice')]//blockquote"), "alice: lunch at noon?"));

        say(alice, "bring an umbrella");
        waitFor(bob).until(driver -> messagesShown(driver).contains("bring an umbrella"));
        dropSocket(bob); // bob misses an edit, a delete and a reaction
        editInPlace(alice, "see you", "see you there");
        waitFor(alice).until(driver -> messagesShown(driver).contains("see you there"));
        actOn(alice, "bring an umbrella", "delete");
        waitFor(alice).until(ExpectedConditions.textToBe(By.cssSelector("#rooms li .preview"), "message deleted"));
        actOn(alice, "see you there", "pick");
        waitFor(alice).until(ExpectedConditions.textToBe(By.xpath(
                "//ol[@id='messages']/li[contains(., 'see you there')]//button[contains(@class, 'reaction')]"), "👍 1"));
        reconnect(bob);
        waitFor(bob).until(driver -> messagesShown(driver).contains("see you there")
                && !messagesShown(driver).contains("bring an umbrella"));
        waitFor(bob).until(ExpectedConditions.textToBe(By.xpath(
                "//ol[@id='messages']/li[contains(., 'see you there')]//button[contains(@class, 'reaction')]"), "👍 1"));
        waitFor(bob).until(ExpectedConditions.textToBe(By.cssSelector("#rooms li .preview"), "message deleted"));
    }

    /** A 1×1 PNG, as a screenshot pasted from the clipboard would arrive. */
    private static final String PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    @Test
    void pasted_and_picked_files_wait_in_their_room_reach_the_other_side_and_one_over_the_limit_is_refused_before_upload()
            throws Exception {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        signIn(alice, "alice");
        signIn(bob, "bob");
        createRoom(alice, "bob");
        say(alice, "the minutes, and a screenshot");
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms li"))).click();
        waitFor(bob).until(driver -> messagesShown(driver).contains("the minutes, and a screenshot"));
        byte[] pdf = "%PDF-1.4 minutes of the meeting".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path minutes = Files.write(Files.createTempDirectory("upload").resolve("minutes.pdf"), pdf);

        ((JavascriptExecutor) alice).executeScript("const bytes = Uint8Array.from(atob(arguments[0]),"
                + " (c) => c.charCodeAt(0)); const clipboard = new DataTransfer();"
                + " clipboard.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));"
                + " document.getElementById('content').dispatchEvent(new ClipboardEvent('paste',"
                + " { clipboardData: clipboard, bubbles: true, cancelable: true }));", PIXEL_PNG);
        alice.findElement(By.id("file")).sendKeys(minutes.toAbsolutePath().toString());
        waitFor(alice).until(driver -> driver.findElements(By.cssSelector("#uploads li.ready")).size() == 2);
        // the files wait in bob's room while alice looks at another
        createRoom(alice, "carol");
        waitFor(alice).until(driver -> driver.findElements(By.cssSelector("#uploads li")).isEmpty());
        waitFor(alice).until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[@id='rooms']/li[.//*[contains(@class, 'name') and contains(., 'bob')]]"))).click();
        waitFor(alice).until(driver -> driver.findElements(By.cssSelector("#uploads li.ready")).size() == 2);
        alice.findElement(By.id("send")).click();

        WebElement image = waitFor(bob).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#messages .attachments img.thumbnail")));
        waitFor(bob).until(driver -> ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector('#messages img.thumbnail').naturalWidth;")).intValue() == 1);
        assertThat(image.getAttribute("alt")).isEqualTo("screenshot.png");
        WebElement file = bob.findElement(By.cssSelector("#messages .attachments a.file"));
        assertThat(file.getText()).startsWith("📄 minutes.pdf");
        Object downloaded = ((JavascriptExecutor) bob).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then((response) => response.arrayBuffer().then((bytes) => done(response.status"
                + " + ' ' + response.headers.get('content-type') + ' ' + response.headers.get('content-disposition')"
                + " + ' ' + bytes.byteLength)));", file.getAttribute("href"));
        assertThat(String.valueOf(downloaded)).startsWith("200 application/pdf attachment;")
                .contains("minutes.pdf").endsWith(" " + pdf.length);

        recordSentFrames(alice);
        Path large = Files.createTempDirectory("upload").resolve("scan.pdf");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            sparse.setLength(25L * 1024 * 1024 + 1);
        }
        alice.findElement(By.id("file")).sendKeys(large.toAbsolutePath().toString());
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#uploads li.failed"),
                "the limit is 25 MB"));
        assertThat(sentFrames(alice)).as("nothing asked of the chat for it").noneMatch(frame -> frame.contains(
                "requestUpload"));
    }

    /** Edits the message that reads {@code text} in place: its text becomes a field, Enter saves. */
    private static void editInPlace(WebDriver browser, String text, String newText) {
        actOn(browser, text, "edit");
        org.openqa.selenium.WebElement field = waitFor(browser).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#messages form.editor input.edit-content")));
        field.clear();
        field.sendKeys(newText + org.openqa.selenium.Keys.ENTER);
    }

    /** Clicks the first button of {@code kind} (edit, delete, reply, pick) on the message that reads {@code text}. */
    private static void actOn(WebDriver browser, String text, String kind) {
        waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.xpath("//ol[@id='messages']/li[.//*["
                + "contains(@class, 'text') and text()='" + text + "']]//button[@class='" + kind + "']"))).click();
    }

    /** The browser's socket drops; it reconnects only when {@link #reconnect} says so. */
    private static void dropSocket(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript(
                "const real = connect; window.connect = () => { window.reconnectNow = real; }; state.socket.close();");
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("status"), "offline"));
        waitFor(browser).until(page -> Boolean.TRUE.equals(((JavascriptExecutor) page)
                .executeScript("return typeof window.reconnectNow === 'function';")));
    }

    private static void reconnect(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.connect = window.reconnectNow; window.reconnectNow();");
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("status"), "online"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> messagesShown(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#messages li .text')].map((text) => text.textContent);");
    }

    private static List<String> markReads(WebDriver browser) {
        return sentFrames(browser).stream().filter(frame -> frame.contains("\"markRead\"")).toList();
    }

    /** From now on the page records every frame it hands to a socket ({@link #sentFrames}). */
    private static void recordSentFrames(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.sentFrames = []; const send = WebSocket.prototype.send;"
                + " WebSocket.prototype.send = function (data) { window.sentFrames.push(String(data));"
                + " return send.call(this, data); };");
    }

    /** Every frame the page handed to its socket, as the page recorded it. */
    @SuppressWarnings("unchecked")
    private static List<String> sentFrames(WebDriver browser) {
        List<Object> frames = (List<Object>) ((JavascriptExecutor) browser).executeScript("return window.sentFrames;");
        return frames == null ? List.of() : frames.stream().map(String::valueOf).toList();
    }

    /** Creates a room from the sign-in page's form ({@code participants} as typed) and waits until it is open. */
    private static void createRoom(WebDriver creator, String participants) {
        createRoom(creator, participants, "");
    }

    private static void createRoom(WebDriver creator, String participants, String name) {
        creator.findElement(By.id("participants")).sendKeys(participants);
        if (!name.isEmpty()) {
            creator.findElement(By.id("room-name")).sendKeys(name);
        }
        creator.findElement(By.id("create-room")).click();
        waitFor(creator).until(ExpectedConditions.visibilityOfElementLocated(By.id("composer")));
    }

    private static void say(WebDriver browser, String text) {
        browser.findElement(By.id("content")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private WebDriver browser(String name) throws Exception {
        return browser(name, "");
    }

    private WebDriver browser(String name, String query) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Files.createDirectories(Path.of("target", "chromium-" + name + "-" + System.nanoTime()));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1000,650", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        driver.get(chat.gateway().httpUrl() + query);
        return driver;
    }

    private static void signIn(WebDriver browser, String name) {
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("signin-button")).click();
        waitFor(browser).until(ExpectedConditions.textToBe(By.id("status"), "online"));
    }

    /** Waits by condition; the lists re-render as frames arrive, so an element found a moment ago may be replaced. */
    private static WebDriverWait waitFor(WebDriver browser) {
        // a condition to wait for, not a timing: generous, for a build machine running other builds beside
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }
}
