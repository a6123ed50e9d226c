package dev.roster.simulator;

/**
 * One simulated person, generated on demand from (seed, index, version); never stored.
 *
 * @param index position in the population (0-based)
 * @param id a stable UUID (Graph, SCIM)
 * @param staffbaseId a stable 24-hex-digit id (Staffbase)
 * @param salesforceId a stable 18-character Contact id (Salesforce)
 * @param externalId the employee number, e.g. {@code E0000042}
 * @param email the work email; {@code null} when missing, syntactically invalid for every 97th person
 * @param hireDate ISO date ({@code 2019-03-14}); unparseable for every 131st person
 * @param managerIndex index of the manager (always lower), or -1 for the top of the tree
 * @param version 0 until modified; each modification increments it and changes title and phone
 */
public record Person(int index, String id, String staffbaseId, String salesforceId, String externalId,
        String firstName, String lastName, String email, String department, String title, String office,
        String city, String country, String phone, String hireDate, int managerIndex, PersonStatus status,
        int version) {

    public String displayName() {
        return firstName + " " + lastName;
    }

    /** The login name: the email's local part (ASCII) at the simulated tenant's domain. */
    public String userPrincipalName() {
        return Population.asciiLocalPart(firstName, lastName, index) + "@roster-sim.onmicrosoft.com";
    }

    public boolean active() {
        return status != PersonStatus.DEACTIVATED;
    }
}
