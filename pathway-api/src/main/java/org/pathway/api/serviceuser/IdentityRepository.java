package org.pathway.api.serviceuser;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The identity table: the one store of identifying personal data, kept out of the event stream so
 * that it can be erased or pseudonymised (docs/adr/0004-identity-outside-the-stream.md).
 */
@Repository
public class IdentityRepository {
  private final JdbcTemplate jdbc;

  IdentityRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Identifying details of one service user. All fields are personal data. */
  public record Identity(
      UUID serviceUserId,
      String nhsNumber,
      String localIdentifier,
      String givenName,
      String familyName,
      LocalDate dateOfBirth,
      String postcode) {}

  /** The identity, and its id queued for an analysts' pseudonym (AnalyticsTables), at once. */
  private static final String INSERT =
      "WITH stored AS (INSERT INTO service_user_identity (service_user_id, nhs_number,"
          + " local_identifier, given_name, family_name, date_of_birth, postcode) VALUES (?, ?, ?,"
          + " ?, ?, ?, ?) RETURNING service_user_id) INSERT INTO analytics_pseudonym_queue (id)"
          + " SELECT service_user_id FROM stored ON CONFLICT (id) DO NOTHING";

  public void insert(Identity identity) {
    jdbc.update(INSERT, row(identity));
  }

  /** Inserts them all in one batch (the bulk import). */
  public void insertAll(List<Identity> identities) {
    if (!identities.isEmpty()) {
      jdbc.batchUpdate(INSERT, identities.stream().map(IdentityRepository::row).toList());
    }
  }

  private static Object[] row(Identity identity) {
    return new Object[] {
      identity.serviceUserId(),
      identity.nhsNumber(),
      identity.localIdentifier(),
      identity.givenName(),
      identity.familyName(),
      identity.dateOfBirth(),
      identity.postcode()
    };
  }

  /** Which of these NHS numbers and service-user ids are registered already, in one query. */
  public Taken taken(Collection<String> nhsNumbers, Collection<UUID> serviceUserIds) {
    Set<String> numbers = new HashSet<>();
    Set<UUID> ids = new HashSet<>();
    if (nhsNumbers.isEmpty() && serviceUserIds.isEmpty()) {
      return new Taken(numbers, ids);
    }
    jdbc.query(
        "SELECT service_user_id, nhs_number FROM service_user_identity"
            + " WHERE nhs_number = ANY (?) OR service_user_id = ANY (?)",
        rs -> {
          numbers.add(rs.getString("nhs_number"));
          ids.add(rs.getObject("service_user_id", UUID.class));
        },
        nhsNumbers.toArray(String[]::new),
        serviceUserIds.toArray(UUID[]::new));
    return new Taken(numbers, ids);
  }

  /** NHS numbers and service-user ids in use. */
  public record Taken(Set<String> nhsNumbers, Set<UUID> serviceUserIds) {}

  public Optional<Identity> find(UUID serviceUserId) {
    return jdbc
        .query(
            "SELECT * FROM service_user_identity WHERE service_user_id = ?",
            (rs, i) ->
                new Identity(
                    rs.getObject("service_user_id", UUID.class),
                    rs.getString("nhs_number"),
                    rs.getString("local_identifier"),
                    rs.getString("given_name"),
                    rs.getString("family_name"),
                    rs.getObject("date_of_birth", LocalDate.class),
                    rs.getString("postcode")),
            serviceUserId)
        .stream()
        .findFirst();
  }

  public Optional<UUID> findByNhsNumber(String nhsNumber) {
    return jdbc
        .queryForList(
            "SELECT service_user_id FROM service_user_identity WHERE nhs_number = ?",
            UUID.class,
            nhsNumber)
        .stream()
        .findFirst();
  }
}
