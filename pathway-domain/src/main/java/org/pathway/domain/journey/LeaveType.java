package org.pathway.domain.journey;

/**
 * The kinds of leave subtracted from bed days (MHSDS MHS509 home leave, MHS510 leave of absence).
 */
public enum LeaveType {
  HOME_LEAVE,
  LEAVE_OF_ABSENCE
}
