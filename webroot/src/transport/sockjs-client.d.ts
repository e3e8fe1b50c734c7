// The self-contained browser build of sockjs-client (the package's main entry needs Node's `global`).
declare module 'sockjs-client/dist/sockjs.js' {
  import SockJS from 'sockjs-client';
  export default SockJS;
}
