package klip.identity;

import klip.config.Settings;

/**
 * Optional single sign-on through an OpenID Connect provider (Keycloak, Azure AD, ...). Off unless
 * {@code KLIP_OIDC_ISSUER} is set. The provider's {@code usernameClaim} names the KLIP user (who must exist and be
 * active here: roles, teams and phones stay KLIP's own).
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, String usernameClaim,
                           String redirectUri) {

  public static OidcSettings from(Settings s) {
    String issuer = s.string("KLIP_OIDC_ISSUER", "");
    if (issuer.isBlank()) {
      return null;
    }
    String clientId = s.string("KLIP_OIDC_CLIENT_ID", "");
    // Unset: built from the request's own scheme and host; the provider only accepts registered ones anyway.
    String redirectUri = s.string("KLIP_OIDC_REDIRECT_URI", "");
    if (clientId.isBlank()) {
      throw new IllegalStateException("KLIP_OIDC_ISSUER is set: KLIP_OIDC_CLIENT_ID is needed too");
    }
    return new OidcSettings(issuer, clientId, s.string("KLIP_OIDC_CLIENT_SECRET", ""),
        s.string("KLIP_OIDC_USERNAME_CLAIM", "preferred_username"), redirectUri.isBlank() ? null : redirectUri);
  }

  @Override
  public String toString() {
    return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, usernameClaim="
        + usernameClaim + ", redirectUri=" + redirectUri + "]";
  }
}
