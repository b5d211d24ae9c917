<#-- The GOV.GR layout of every sign-in page: the web client's header and footer (web/…/base.html),
     no script at all (base's inline session polling and menus are left out on purpose). -->
<#import "govgr.ftl" as govgr>
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>${msg("loginTitle", (realm.displayName!''))}</title>
  <#list properties.styles?split(' ') as style>
  <link href="${url.resourcesPath}/${style}" rel="stylesheet">
  </#list>
</head>
<body class="epi-theme ${bodyClass}" data-page-id="login-${pageId}">
<a href="#main" class="govgr--skip-link">${msg("epiSkipToContent")}</a>
<div class="govgr-layout-wrapper govgr-layout-wrapper__full-height">
  <header class="govgr-header">
    <div class="govgr-header__container">
      <div class="govgr-header__content">
        <span class="govgr-header-title">${msg("epiServiceName")}</span>
      </div>
    </div>
  </header>
  <div class="govgr-width-container">
    <div class="govgr-main-wrapper">
      <main id="main" class="govgr-grid-column-two-thirds epi-main">
        <h1 class="govgr-heading-xl" id="kc-page-title"><#nested "header"></h1>
        <#if auth?has_content && auth.showUsername() && !auth.showResetCredentials()>
          <#nested "show-username">
          <p class="govgr-body" id="kc-username">
            <span id="kc-attempted-username">${auth.attemptedUsername}</span>
            <a class="govgr-link" id="reset-login" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a>
          </p>
        </#if>
        <#-- Application-initiated actions do not repeat the warning that they must be completed. -->
        <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
          <#if message.type = 'error'>
            <@govgr.errorSummary items=[["", message.summary]]/>
          <#else>
            <div class="govgr-notification-banner<#if message.type = 'success'> govgr-notification-banner--success</#if>"
                 role="<#if message.type = 'success'>alert<#else>region</#if>" aria-labelledby="kc-message-title" id="kc-message">
              <div class="govgr-notification-banner__header">
                <h2 class="govgr-notification-banner__title" id="kc-message-title">${msg("epiMessageTitle.${message.type}")}</h2>
              </div>
              <div class="govgr-notification-banner__content">
                <p class="govgr-body">${kcSanitize(message.summary)?no_esc}</p>
              </div>
            </div>
          </#if>
        </#if>

        <#nested "form">

        <#if auth?has_content && auth.showTryAnotherWayLink()>
          <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post">
            <input type="hidden" name="tryAnotherWay" value="on">
            <button type="submit" class="govgr-btn govgr-btn-link" id="try-another-way">${msg("doTryAnotherWay")}</button>
          </form>
        </#if>

        <#nested "socialProviders">

        <#if displayInfo>
          <div id="kc-info" class="govgr-body epi-info"><#nested "info"></div>
        </#if>
      </main>
    </div>
  </div>
  <footer class="govgr-footer">
    <div class="govgr-width-container">
      <div class="govgr-footer__meta">
        <div class="govgr-footer__meta-item govgr-footer__meta-item--grow">
          <p class="govgr-footer__licence-description">${msg("epiFooterDescription")}</p>
        </div>
        <#if realm.internationalizationEnabled && locale.supported?size gt 1>
        <div class="govgr-footer__meta-item" id="kc-locale">
          <#list locale.supported as l>
            <#if l.languageTag != locale.currentLanguageTag>
            <a class="govgr-footer__link epi-language" href="${l.url}" lang="${l.languageTag}">${l.label}</a>
            </#if>
          </#list>
        </div>
        </#if>
      </div>
    </div>
  </footer>
</div>
</body>
</html>
</#macro>
