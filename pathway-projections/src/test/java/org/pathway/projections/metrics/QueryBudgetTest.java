package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryBudgetTest {
  @Test
  void shares_add_up_to_the_capacity_and_are_given_back_on_close() {
    QueryBudget budget = new QueryBudget(100, 50);
    try (QueryBudget.Share a = budget.share()) {
      a.take(60);
      a.take(40); // exactly the capacity
      try (QueryBudget.Share b = budget.share()) {
        assertThatThrownBy(() -> b.take(1)).isInstanceOf(QueryBudget.Busy.class);
      }
    }
    try (QueryBudget.Share c = budget.share()) {
      c.take(100); // all of it again: a and the refused b gave theirs back
    }
  }

  @Test
  void a_question_larger_than_the_whole_budget_is_refused_at_once_and_keeps_nothing() {
    QueryBudget budget = new QueryBudget(100, 10_000);
    QueryBudget.Share s = budget.share();
    s.take(70);
    assertThatThrownBy(() -> s.take(31))
        .isInstanceOf(QueryBudget.TooLarge.class)
        .hasMessageContaining("101 records")
        .hasMessageContaining("at most 100");
    s.close();
    try (QueryBudget.Share t = budget.share()) {
      t.take(100);
    }
    assertThatThrownBy(() -> budget.share().take(101))
        .isInstanceOfSatisfying(
            QueryBudget.TooLarge.class,
            e -> {
              assertThat(e.records()).isEqualTo(101);
              assertThat(e.capacity()).isEqualTo(100);
            });
    assertThat(budget.capacity()).isEqualTo(100);
  }

  @Test
  void a_waiting_question_goes_on_when_room_is_made() throws Exception {
    QueryBudget budget = new QueryBudget(10, 5_000);
    QueryBudget.Share held = budget.share();
    held.take(10);
    Thread release =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              held.close();
            });
    release.start();
    try (QueryBudget.Share waiting = budget.share()) {
      waiting.take(10);
    }
    release.join();
  }

  @Test
  void the_default_follows_the_heap() {
    assertThat(QueryBudget.forHeap(1L << 30)).isEqualTo(262_144);
    assertThat(QueryBudget.forHeap(1L << 20)).isEqualTo(1_000);
    assertThat(QueryBudget.forHeap(8L << 30)).isEqualTo(2_097_152);
    assertThatThrownBy(() -> new QueryBudget(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new QueryBudget(1, 1).capacity()).isEqualTo(1);
  }
}
