package dev.roster.integration.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.roster.commons.problem.ProblemException;

class UploadedFileNameTest {

    @Test
    void theQueryParameterWinsOverTheHeader() {
        assertEquals("Zürich.csv", UploadedFileName.of("Zürich.csv", "attachment; filename=\"other.csv\""));
    }

    @Test
    void readsEveryFormOfContentDisposition() {
        assertEquals("Mitarbeiter München+1.csv", UploadedFileName.of(null,
                "attachment; filename=\"fallback.csv\"; filename*=UTF-8''Mitarbeiter%20M%C3%BCnchen+1.csv"));
        assertEquals("say \"hi\".csv", UploadedFileName.of(null, "attachment; filename=\"say \\\"hi\\\".csv\""));
        assertEquals("people.csv", UploadedFileName.of(null, "inline; FILENAME=people.csv"));
        assertNull(UploadedFileName.of(null, "attachment"));
        assertNull(UploadedFileName.of(null, null));
    }

    @Test
    void keepsOnlyTheLastPathSegmentWithoutControlCharacters() {
        assertEquals("people.csv", UploadedFileName.of("C:\\Users\\anna\\people.csv", null));
        assertEquals("people.csv", UploadedFileName.of(null, "attachment; filename=\"../../etc/people\u0007.csv\""));
        assertNull(UploadedFileName.of("dir/", null));
    }

    @Test
    void refusesANameLongerThan255Characters() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> UploadedFileName.of(null, "attachment; filename=" + "x".repeat(256)));
        assertEquals("Content-Disposition", e.problem().errors().get(0).field());
    }
}
