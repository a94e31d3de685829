package org.pathway.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;

/** When the journey-history projection may keep what it knows between batches. */
class TokenContinuityTest {
  private static GapAwareTrackingToken token(long index, Long... gaps) {
    return GapAwareTrackingToken.newInstance(index, List.of(gaps));
  }

  @Test
  void the_next_event_right_after_continues() {
    assertThat(JourneyHistoryProjection.continues(token(10), token(11))).isTrue();
  }

  @Test
  void positions_skipped_but_still_unseen_are_gaps_and_continue() {
    // 11 and 12 not committed yet (in-flight transactions): the stream goes on at 13
    assertThat(JourneyHistoryProjection.continues(token(10), token(13, 11L, 12L))).isTrue();
    assertThat(JourneyHistoryProjection.continues(token(10, 7L), token(13, 7L, 11L, 12L))).isTrue();
  }

  @Test
  void a_gap_filled_by_the_next_event_continues() {
    assertThat(JourneyHistoryProjection.continues(token(13, 11L, 12L), token(13, 12L))).isTrue();
  }

  @Test
  void events_processed_elsewhere_break_it() {
    // 11 and 12 were processed by another node: they are not gaps any more
    assertThat(JourneyHistoryProjection.continues(token(10), token(13))).isFalse();
    // another node filled gap 7
    assertThat(JourneyHistoryProjection.continues(token(10, 7L), token(11))).isFalse();
    // and filled 7 and went on
    assertThat(JourneyHistoryProjection.continues(token(13, 7L, 11L), token(13))).isFalse();
    // the token went back (a reset)
    assertThat(JourneyHistoryProjection.continues(token(10), token(5))).isFalse();
  }

  @Test
  void nothing_to_continue_or_not_a_position_breaks_it() {
    assertThat(JourneyHistoryProjection.continues(null, token(1))).isFalse();
    assertThat(JourneyHistoryProjection.continues(token(1), new GlobalSequenceTrackingToken(2)))
        .isFalse();
    assertThat(JourneyHistoryProjection.continues(token(1), null)).isFalse();
    assertThat(JourneyHistoryProjection.continues(token(1), token(20_000))).isFalse();
  }
}
