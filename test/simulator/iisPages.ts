import { SimulatorResponse } from './responses';

/** What IIS itself answers, before the request ever reaches the PVWA application. */
const IIS_MESSAGES: Record<number, [title: string, detail: string]> = {
  // A page with status 200 where JSON was expected: an SSO or maintenance page in front of the PVWA.
  200: ['The site is under maintenance.', 'Please try again later.'],
  403: ['403 - Forbidden: Access is denied.', 'You do not have permission to view this directory or page using the credentials that you supplied.'],
  404: ['404 - File or directory not found.', 'The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.'],
  405: ['405 - HTTP verb used to access this page is not allowed.', 'The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access.'],
  500: ['500 - Internal server error.', 'There is a problem with the resource you are looking for, and it cannot be displayed.'],
  502: [
    '502 - Web server received an invalid response while acting as a gateway or proxy server.',
    'There is a problem with the page you are looking for, and it cannot be displayed. When the Web server (while acting as a gateway or proxy) contacted the upstream content server, it received an invalid response from the content server.',
  ],
};

/** 503 comes from HTTP.sys when the application pool is down, in its own terse format. */
const SERVICE_UNAVAILABLE_PAGE =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
  '<HTML><HEAD><TITLE>Service Unavailable</TITLE>\r\n' +
  '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n' +
  '<BODY><h2>Service Unavailable</h2>\r\n<hr><p>HTTP Error 503. The service is unavailable.</p>\r\n</BODY></HTML>\r\n';

export function iisErrorPage(status: number): SimulatorResponse {
  const body = status === 503 ? SERVICE_UNAVAILABLE_PAGE : detailedErrorPage(status);
  return { status, headers: { 'Content-Type': 'text/html' }, body };
}

function detailedErrorPage(status: number): string {
  const [title, detail] = IIS_MESSAGES[status] ?? [`${status} - Server error.`, 'The server could not complete the request.'];
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>${title}</title>
<style type="text/css">
<!--
body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}
fieldset{padding:0 15px 10px 15px;}
h1{font-size:2.4em;margin:0;color:#FFF;}
h2{font-size:1.7em;margin:0;color:#CC0000;}
h3{font-size:1.2em;margin:10px 0 0 0;color:#000000;}
#header{width:96%;margin:0 0 0 0;padding:6px 2% 6px 2%;font-family:"trebuchet MS", Verdana, sans-serif;color:#FFF;background-color:#555555;}
#content{margin:0 0 0 2%;position:relative;}
.content-container{background:#FFF;width:96%;margin-top:8px;padding:10px;position:relative;}
-->
</style>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>${title}</h2>
  <h3>${detail}</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
}
