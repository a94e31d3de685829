package org.pathway.domain.journey;

/**
 * MHSDS ClinRespPriorityType (nhs-standards.md §1.3): 1 emergency, 2 urgent, 3 routine, 4 very
 * urgent.
 */
public enum ReferralPriority {
  EMERGENCY("1"),
  URGENT("2"),
  ROUTINE("3"),
  VERY_URGENT("4");

  private final String mhsdsCode;

  ReferralPriority(String mhsdsCode) {
    this.mhsdsCode = mhsdsCode;
  }

  public String mhsdsCode() {
    return mhsdsCode;
  }
}
