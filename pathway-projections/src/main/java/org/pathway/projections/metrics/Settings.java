package org.pathway.projections.metrics;

import java.util.Set;
import java.util.stream.Collectors;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.codes.CodeEntry;
import org.pathway.domain.codes.CodeSystem;

/**
 * The code sets the definitions use, read from the effective-dated code lists (shared/domain/codes)
 * rather than written into the code: settings, exclusions and qualifying contact media.
 */
public final class Settings {
  public static final String ADULT_ACUTE = "adult-acute";
  public static final String OTHER = "other";

  private final Set<String> adultAcute;
  private final Set<String> acuteFor72h;
  private final Set<String> excludedFrom72hDestinations;
  private final Set<String> excludedFrom72hMethods;
  private final Set<String> readmissionExcludedMethods;
  private final Set<String> readmissionExcludedDestinations;
  private final Set<String> qualifyingMedia;
  private final Set<String> emergencyAdmissionMethods;
  private final Set<String> inappropriateOapReasons;

  public Settings(CodeCatalogue codes) {
    adultAcute = codes(codes, CodeSystem.BED_TYPE, e -> ADULT_ACUTE.equals(e.group()));
    acuteFor72h =
        codes(codes, CodeSystem.BED_TYPE, e -> e.notes("in 72-hour follow-up acute bed set"));
    excludedFrom72hDestinations =
        codes(
            codes,
            CodeSystem.DISCHARGE_DESTINATION,
            e -> e.notes("excluded from 72-hour follow-up"));
    excludedFrom72hMethods =
        codes(codes, CodeSystem.DISCHARGE_METHOD, e -> e.notes("excluded from 72-hour follow-up"));
    readmissionExcludedMethods =
        codes(
            codes,
            CodeSystem.DISCHARGE_METHOD,
            e -> e.notes("excluded from NHSE 14-day readmission"));
    // metrics.md §5: died, or transferred to another psychiatric, secure or general hospital. The
    // code list flags
    // 49, 50, 53, 79, 84, 87; the definition also names general hospitals (51, 52) and 48 is a
    // psychiatric hospital.
    readmissionExcludedDestinations =
        union(
            codes(
                codes,
                CodeSystem.DISCHARGE_DESTINATION,
                e -> e.notes("excluded from NHSE 14-day readmission")),
            Set.of("48", "51", "52"));
    // codes/README.md: only the "qualifying" group counts; "indirect" contacts (email, text,
    // messaging, other) are recordable but never count
    qualifyingMedia = codes(codes, CodeSystem.CONTACT_MEDIUM, e -> "qualifying".equals(e.group()));
    // metrics.md §5: 21, 2A, 22, 23, 24, 25, 2B, 2D — the admission methods whose description
    // starts "Emergency"
    emergencyAdmissionMethods =
        codes(codes, CodeSystem.ADMISSION_METHOD, e -> e.description().startsWith("Emergency"));
    inappropriateOapReasons =
        codes(codes, CodeSystem.OAP_REASON, e -> "inappropriate".equals(e.group()));
  }

  private static Set<String> codes(
      CodeCatalogue codes, CodeSystem system, java.util.function.Predicate<CodeEntry> test) {
    return codes.entries(system).stream()
        .filter(test)
        .map(CodeEntry::code)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** {@code adult-acute} for MHSDS 200/201/202 (v5 10/11/12), else {@code other}. */
  public String group(String bedType) {
    return adultAcute.contains(bedType) ? ADULT_ACUTE : OTHER;
  }

  public boolean isAdultAcute(String bedType) {
    return adultAcute.contains(bedType);
  }

  public boolean isAcuteFor72h(String bedType) {
    return acuteFor72h.contains(bedType);
  }

  public boolean excludedFrom72h(String method, String destination) {
    return excludedFrom72hMethods.contains(method)
        || excludedFrom72hDestinations.contains(destination);
  }

  public boolean excludedFromReadmissionIndex(String method, String destination) {
    return readmissionExcludedMethods.contains(method)
        || readmissionExcludedDestinations.contains(destination);
  }

  public boolean qualifiesForFollowUp(String medium) {
    return qualifyingMedia.contains(medium);
  }

  public boolean isEmergency(String admissionMethod) {
    return emergencyAdmissionMethods.contains(admissionMethod);
  }

  public boolean isInappropriateOap(String reason) {
    return inappropriateOapReasons.contains(reason);
  }
}
