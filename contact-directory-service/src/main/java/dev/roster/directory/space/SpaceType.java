package dev.roster.directory.space;

import java.util.List;

/** The kinds of space, the tree they form, and the roles a member can have in each. */
public enum SpaceType {

    ORGANIZATION(null, List.of("owner", "admin", "member")), LAB(ORGANIZATION,
            List.of("admin", "member", "viewer")), CHALLENGE(LAB, List.of("admin", "member", "viewer"));

    private final SpaceType parent;
    private final List<String> roles;

    SpaceType(SpaceType parent, List<String> roles) {
        this.parent = parent;
        this.roles = roles;
    }

    /** The type a parent of this type must have; null for an organization, which has none. */
    public SpaceType parent() {
        return parent;
    }

    public List<String> roles() {
        return roles;
    }
}
