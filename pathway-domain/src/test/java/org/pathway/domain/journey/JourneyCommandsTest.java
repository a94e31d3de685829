package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyCommandsTest {

  /**
   * The names are a public contract (import files written today must load next year): this list
   * changes only with a new version of the import format.
   */
  @Test
  void the_public_names_are_pinned() {
    assertThat(JourneyCommands.names())
        .containsExactly(
            "RegisterServiceUser",
            "RecordReferral",
            "AcceptReferral",
            "DeclineReferral",
            "CloseReferral",
            "AdmitServiceUser",
            "TransferWard",
            "ChangeLegalStatus",
            "StartLeave",
            "EndLeave",
            "RecordClinicallyReadyForDischarge",
            "EndDelay",
            "DischargeServiceUser",
            "StartStepDownPlacement",
            "EndStepDownPlacement",
            "RecordCommunityContact",
            "RecordAccommodationStatus",
            "RecordDeath",
            "CorrectFact",
            "MarkEnteredInError");
  }

  @Test
  void every_name_leads_back_to_its_command() {
    for (String name : JourneyCommands.names()) {
      Class<? extends JourneyCommand> type = JourneyCommands.byName(name).orElseThrow();
      assertThat(JourneyCommands.name(type)).isEqualTo(name);
    }
    assertThat(JourneyCommands.byName("recordReferral")).isEmpty();
    assertThat(JourneyCommands.byName("org.pathway.domain.journey.RecordReferral")).isEmpty();
  }

  @Test
  void only_commands_have_names() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<? extends JourneyCommand> notACommand = (Class) FactCommand.class;
    assertThatThrownBy(() -> JourneyCommands.name(notACommand))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(JourneyCommands.class.getDeclaredConstructors())).hasSize(1);
  }
}
