package dev.roster.mappingrules;

import static dev.roster.mappingrules.FieldMapping.of;
import static dev.roster.mappingrules.FieldType.DATE;
import static dev.roster.mappingrules.FieldType.EMAIL;
import static dev.roster.mappingrules.FieldType.TEXT;

import java.util.List;
import java.util.Locale;

/**
 * The mapping a job uses while its integration has no published one: per source type, the source fields
 * of a person's email (the unique contact ID), first and last name, job title, department, office and
 * phones, plus the few others every such source has. Where a source's field names are chosen by its admin
 * (a Workday report, a CSV file), the common spellings are tried in order.
 */
public final class DefaultMappings {

    private DefaultMappings() {
    }

    public static Mapping forSource(String sourceType) {
        List<FieldMapping> fields = switch (sourceType.toUpperCase(Locale.ROOT)) {
            case "STAFFBASE" -> List.of(
                    of("email", EMAIL, "emails.value", "publicEmailAddress"),
                    of("firstName", TEXT, "firstName"),
                    of("lastName", TEXT, "lastName"),
                    of("displayName", TEXT, "displayName"),
                    of("jobTitle", TEXT, "position"),
                    of("department", TEXT, "department"),
                    of("officeLocation", TEXT, "location"),
                    of("phone", TEXT, "phoneNumber"),
                    of("city", TEXT, "profile.city"),
                    of("country", TEXT, "profile.country"),
                    of("employeeId", TEXT, "externalID"),
                    of("hireDate", DATE, "profile.hireDate"));
            case "ENTRA_ID" -> List.of(
                    of("email", EMAIL, "mail"),
                    of("firstName", TEXT, "givenName"),
                    of("lastName", TEXT, "surname"),
                    of("displayName", TEXT, "displayName"),
                    of("jobTitle", TEXT, "jobTitle"),
                    of("department", TEXT, "department"),
                    of("officeLocation", TEXT, "officeLocation"),
                    of("phone", TEXT, "businessPhones"),
                    of("mobilePhone", TEXT, "mobilePhone"),
                    of("city", TEXT, "city"),
                    of("country", TEXT, "country"),
                    of("employeeId", TEXT, "employeeId"),
                    of("hireDate", DATE, "employeeHireDate"));
            case "SCIM" -> List.of(
                    of("email", EMAIL, "emails.value", "userName"),
                    of("firstName", TEXT, "name.givenName"),
                    of("lastName", TEXT, "name.familyName"),
                    of("displayName", TEXT, "displayName"),
                    of("jobTitle", TEXT, "title"),
                    of("department", TEXT, ENTERPRISE + ".department"),
                    of("officeLocation", TEXT, "addresses.locality", "addresses.formatted"),
                    of("phone", TEXT, "phoneNumbers.value"),
                    of("employeeId", TEXT, ENTERPRISE + ".employeeNumber", "externalId"),
                    of("preferredLanguage", TEXT, "preferredLanguage"));
            case "SALESFORCE" -> List.of(
                    of("email", EMAIL, "Email"),
                    of("firstName", TEXT, "FirstName"),
                    of("lastName", TEXT, "LastName"),
                    of("jobTitle", TEXT, "Title"),
                    of("department", TEXT, "Department"),
                    of("phone", TEXT, "Phone"),
                    of("mobilePhone", TEXT, "MobilePhone"),
                    of("city", TEXT, "MailingCity", "City"),
                    of("country", TEXT, "MailingCountry", "Country"));
            case "WORKDAY" -> List.of(
                    of("email", EMAIL, "primaryWorkEmail", "Email_Address_Work", "Work_Email", "Email"),
                    of("firstName", TEXT, "Legal_Name_First_Name", "First_Name", "Preferred_Name_First_Name"),
                    of("lastName", TEXT, "Legal_Name_Last_Name", "Last_Name", "Preferred_Name_Last_Name"),
                    of("displayName", TEXT, "descriptor", "Worker"),
                    of("jobTitle", TEXT, "businessTitle", "Business_Title", "Job_Title"),
                    of("department", TEXT, "primarySupervisoryOrganization.descriptor", "Supervisory_Organization",
                            "Department"),
                    of("officeLocation", TEXT, "Location", "Work_Location"),
                    of("phone", TEXT, "primaryWorkPhone", "Phone_Work", "Work_Phone"),
                    of("employeeId", TEXT, "Employee_ID", "id"),
                    of("hireDate", DATE, "Hire_Date"));
            case "CSV" -> List.of(
                    of("email", EMAIL, "email", "Email", "E-Mail", "e-mail", "mail", "Mail", "Email Address",
                            "email_address", "emailAddress", "Work Email"),
                    of("firstName", TEXT, "firstName", "First Name", "first_name", "FirstName", "Given Name",
                            "givenName"),
                    of("lastName", TEXT, "lastName", "Last Name", "last_name", "LastName", "Surname", "surname",
                            "Family Name"),
                    of("displayName", TEXT, "displayName", "Display Name", "Name", "name"),
                    of("jobTitle", TEXT, "jobTitle", "Job Title", "Title", "title", "Position", "position"),
                    of("department", TEXT, "department", "Department"),
                    of("officeLocation", TEXT, "officeLocation", "Office", "office", "Location", "location"),
                    of("phone", TEXT, "phone", "Phone", "Phone Number", "Work Phone"),
                    of("mobilePhone", TEXT, "mobilePhone", "Mobile", "Mobile Phone"),
                    of("city", TEXT, "city", "City"),
                    of("country", TEXT, "country", "Country"),
                    of("employeeId", TEXT, "employeeId", "Employee ID", "employee_id"),
                    of("hireDate", DATE, "hireDate", "Hire Date", "hire_date"));
            default -> throw new IllegalArgumentException("no default mapping for source type " + sourceType);
        };
        return new Mapping(null, "email", fields, Mapping.Exclusion.NONE);
    }

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
}
