package org.pathway.api.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.serviceuser.IdentityRepository;
import org.pathway.api.timeline.TimelineService;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.projections.journey.JourneyDerivation;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.pathway.projections.timeline.Timeline;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The journey view for clinicians and auditors (docs/pages.md): one person's spells, ward stays,
 * leave, delay periods, out-of-area and step-down placements and contacts on a time axis, as known
 * on any recorded time, with corrections and voided facts marked and the journey's data-quality
 * questions. Identified data: every read is in the access log (its address is under {@code
 * /ui/service-users/}).
 */
@Controller
@RequestMapping("/ui/service-users")
class JourneyPageController {
  private final TimelineService timelines;
  private final IdentityRepository identities;
  private final ObjectMapper json;

  JourneyPageController(
      TimelineService timelines, IdentityRepository identities, ObjectMapper json) {
    this.timelines = timelines;
    this.identities = identities;
    this.json = json;
  }

  /** Find a journey by NHS number. */
  @GetMapping
  String find(@RequestParam(required = false) String nhsNumber, Model model) {
    if (nhsNumber == null) {
      return "ui/find";
    }
    String digits = nhsNumber.replaceAll("[\\s-]", "");
    model.addAttribute("nhsNumber", nhsNumber);
    if (!digits.matches("\\d{10}")) {
      model.addAttribute("error", "Enter an NHS number of 10 digits");
      return "ui/find";
    }
    return identities
        .findByNhsNumber(digits)
        .map(id -> "redirect:/ui/service-users/" + id)
        .orElseGet(
            () -> {
              model.addAttribute("error", "No service user has NHS number " + nhsNumber);
              return "ui/find";
            });
  }

  /** One lane item of the time axis: a period (end {@code null} while open) or a point. */
  public record Item(String lane, String label, LocalDate start, LocalDate end, boolean point) {}

  @GetMapping("/{serviceUserId}")
  String journey(
      @PathVariable String serviceUserId, @RequestParam(required = false) String asAt, Model model)
      throws Exception {
    UUID id;
    try {
      id = UUID.fromString(serviceUserId);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("serviceUserId", "not a service user id");
    }
    Instant at = PageParameters.asAt(asAt);
    TimelineService.Known known = timelines.known(id, at);
    Timeline timeline = known.timeline();
    List<CommunityContactRecorded> contacts =
        known.facts().stream()
            .filter(CommunityContactRecorded.class::isInstance)
            .map(CommunityContactRecorded.class::cast)
            .toList();
    JourneyDerivation.Derived derived = known.derived();
    List<Item> items = new ArrayList<>();
    for (Spell s : derived.spells().values()) {
      items.add(
          new Item(
              "Spells", "Spell from " + s.admittedOn(), s.admittedOn(), s.dischargedOn(), false));
      for (Spell.WardStay w : s.wardStays()) {
        items.add(
            new Item(
                w.outOfArea() ? "Out of area" : "Ward stays",
                w.ward() + " (" + w.provider() + ")",
                w.startOn(),
                w.endOn(),
                false));
      }
      for (Spell.LeavePeriod l : s.leaves()) {
        items.add(new Item("Leave", l.type().name(), l.startOn(), l.endOn(), false));
      }
      for (Spell.DelayPeriod d : s.delays()) {
        items.add(
            new Item(
                "Clinically ready for discharge",
                "reason " + d.reason(),
                d.startOn(),
                d.endOn(),
                false));
      }
    }
    for (Placement p : derived.placements().values()) {
      items.add(new Item("Step-down", p.scheme(), p.startedOn(), p.endedOn(), false));
    }
    for (CommunityContactRecorded c : contacts) {
      LocalDate on = c.occurredAt().atZone(Shown.LONDON).toLocalDate();
      items.add(
          new Item(
              "Contacts",
              (c.attended() ? "attended" : "not attended") + ", medium " + c.contactMedium(),
              on,
              on,
              true));
    }
    LocalDate today =
        at == null ? LocalDate.now(Shown.LONDON) : at.atZone(Shown.LONDON).toLocalDate();
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("type", "timeline");
    chart.put("title", "Journey on a time axis");
    chart.put("today", today.toString());
    chart.put(
        "lanes",
        List.of(
            "Spells",
            "Ward stays",
            "Out of area",
            "Leave",
            "Clinically ready for discharge",
            "Step-down",
            "Contacts"));
    chart.put("items", items);
    model.addAttribute("timeline", timeline);
    model.addAttribute("identity", identities.find(id).orElse(null));
    model.addAttribute("spells", derived.spells().values());
    model.addAttribute("placements", derived.placements().values());
    model.addAttribute("contacts", contacts);
    model.addAttribute("items", items);
    model.addAttribute("chart", json.writeValueAsString(chart));
    model.addAttribute("asAt", at);
    model.addAttribute("asAtField", PageParameters.field(at));
    model.addAttribute("asAtShown", Shown.when(at));
    model.addAttribute(
        "corrected",
        timeline.facts().stream().filter(e -> e.status() != Timeline.Status.ACTIVE).count());
    return "ui/journey";
  }
}
