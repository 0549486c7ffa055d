// Type declaration for seedrandom's Alea generator, which @types/seedrandom does not describe.
// Declarations only; no runtime code belongs here.
declare module 'seedrandom/lib/alea.js' {
  interface AleaPrng {
    (): number;
    int32(): number;
    double(): number;
    quick(): number;
  }
  function alea(seed?: string): AleaPrng;
  export default alea;
}
