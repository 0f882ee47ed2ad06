export const DEMO_USERNAME = 'analyst';
export const DEMO_PASSWORD = 'Cyberark1!';
/** The one-time code that answers every RADIUS challenge. */
export const DEMO_RADIUS_ANSWER = '123456';
