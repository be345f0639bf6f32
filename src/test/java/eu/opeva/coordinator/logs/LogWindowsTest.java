package eu.opeva.coordinator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Log windows: tail lines, deltas and whole UTF-8 characters")
class LogWindowsTest {
  @TempDir Path dir;

  @Test
  @DisplayName("tail counts lines as tail -n does: a final newline ends the last line")
  void tailStart() throws Exception {
    byte[] text = "a\nbb\nccc\n".getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = channel(text)) {
      assertThat(LogWindows.tailStart(ch, text.length, 1, 0)).isEqualTo(5);
      assertThat(LogWindows.tailStart(ch, text.length, 2, 0)).isEqualTo(2);
      assertThat(LogWindows.tailStart(ch, text.length, 3, 0)).isZero();
      assertThat(LogWindows.tailStart(ch, text.length, 50, 0)).isZero();
      assertThat(LogWindows.tailStart(ch, text.length, 0, 0)).isEqualTo(text.length);
    }
    byte[] open = "a\nbb\ncc".getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = channel(open)) {
      assertThat(LogWindows.tailStart(ch, open.length, 1, 0)).isEqualTo(5);
    }
  }

  @Test
  @DisplayName("tail finds lines across read blocks in a long file")
  void tailAcrossBlocks() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("line ").append(i).append('\n');
    }
    byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = channel(text)) {
      long start = LogWindows.tailStart(ch, text.length, 15_000, 0);
      assertThat(new String(text, (int) start, 12, StandardCharsets.UTF_8))
          .isEqualTo("line 5000\nli");
    }
  }

  @Test
  @DisplayName(
      "the chunk tail keeps the last lines, or the last max_bytes starting on a whole character")
  void chunkTail() throws Exception {
    byte[] text = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = channel(text)) {
      var c = LogWindows.tail(ch, text.length, 2, 1024);
      assertThat(c.text()).isEqualTo("two\nthree\n");
      assertThat(c.nextOffset()).isEqualTo(text.length);
      assertThat(c.truncated()).isTrue();
      assertThat(LogWindows.tail(ch, text.length, 10, 1024).truncated()).isFalse();
    }
    byte[] wide = "ééééé".getBytes(StandardCharsets.UTF_8); // 10 bytes, 2 per character
    try (FileChannel ch = channel(wide)) {
      var c = LogWindows.tail(ch, wide.length, 1, 5);
      assertThat(c.text()).isEqualTo("éé");
      assertThat(c.truncated()).isTrue();
    }
  }

  @Test
  @DisplayName("a delta never splits a character: the next offset points at its first byte")
  void deltaKeepsCharactersWhole() throws Exception {
    byte[] text = "ab€cd".getBytes(StandardCharsets.UTF_8); // € is 3 bytes at 2..4
    try (FileChannel ch = channel(text)) {
      var first = LogWindows.delta(ch, text.length, 0, 4);
      assertThat(first.text()).isEqualTo("ab");
      assertThat(first.nextOffset()).isEqualTo(2);
      assertThat(first.truncated()).isTrue();
      var second = LogWindows.delta(ch, text.length, first.nextOffset(), 4);
      assertThat(second.text()).isEqualTo("€c");
      var last = LogWindows.delta(ch, text.length, second.nextOffset(), 4);
      assertThat(last.text()).isEqualTo("d");
      assertThat(last.truncated()).isFalse();
    }
  }

  @Test
  @DisplayName("an offset past the end resets to the end; invalid UTF-8 becomes replacement marks")
  void pastEndAndInvalidBytes() throws Exception {
    byte[] text = {'o', 'k', (byte) 0xff, (byte) 0xfe, '!', '\n'};
    try (FileChannel ch = channel(text)) {
      var reset = LogWindows.delta(ch, text.length, 1_000_000, 1024);
      assertThat(reset.text()).isEmpty();
      assertThat(reset.nextOffset()).isEqualTo(text.length);
      assertThat(reset.truncated()).isFalse();
      assertThat(LogWindows.delta(ch, text.length, 0, 1024).text()).isEqualTo("ok\uFFFD\uFFFD!\n");
    }
  }

  @Test
  @DisplayName("wholeCharacters drops only an incomplete final sequence")
  void wholeCharacters() {
    assertThat(LogWindows.wholeCharacters(bytes(0x61, 0xe2, 0x82), 3)).isEqualTo(1);
    assertThat(LogWindows.wholeCharacters(bytes(0x61, 0xe2, 0x82, 0xac), 4)).isEqualTo(4);
    assertThat(LogWindows.wholeCharacters(bytes(0xf0, 0x9f, 0x98), 3)).isZero();
    assertThat(LogWindows.wholeCharacters(bytes(0x61, 0x62), 2)).isEqualTo(2);
    assertThat(LogWindows.wholeCharacters(bytes(0x80, 0x80, 0x80, 0x80), 4)).isEqualTo(4);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private FileChannel channel(byte[] content) throws Exception {
    Path f = Files.createTempFile(dir, "log", ".log");
    Files.write(f, content);
    return FileChannel.open(f, StandardOpenOption.READ);
  }
}
